package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetUrlModuleTest {
    private static final String URL = "http://127.0.9.80:8080/f.txt";
    private static final String BODY = "hello rigger\n";
    private static final String SHA256 = "54d3e0dad2619bf25fc7b076eee62cd433f94e4055965ce5f16e2dd1dd530701";
    private static final String CURL = "curl -q --silent --show-error --location --fail --max-time 10 --write-out %{http_code} -- " + URL;
    private final ModuleTester tester = ModuleTester.of(new GetUrlModule());

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("url", URL, "dest", "/opt/f.txt"));
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static ScriptedHost served() {
        return new ScriptedHost().dir("/opt", 0755).answer(CURL, 0, BODY + "200");
    }

    @Test
    void registered() {
        tester.assertRegistered();
    }

    @Test
    void absentDest_downloadedByCurlOnTheHost_writtenWithMode_thenConverges() {
        ScriptedHost h = served();
        Change c = tester.plan(params("mode", "0640"), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.WriteFile.class, w -> {
            assertThat(new String(w.content(), StandardCharsets.UTF_8)).isEqualTo(BODY);   // the status code is cut off
            assertThat(w.mode()).isEqualTo(0640);
        });
        assertThat(c.outputs()).containsEntry("status_code", 200).containsEntry("size", 13)
                .containsEntry("checksum_src", "76beadb52379a20f7f7a95e89536510f93ca5673").containsEntry("md5sum", "537dc6859b024fb32097f40ada34afb7");
        assertThat(h.roundTrips()).containsExactly(2, 1);
        tester.assertIdempotent(params("mode", "0640"), h);
        assertThat(h.content("/opt/f.txt")).isEqualTo(BODY);
    }

    @Test
    void existingDest_withoutForceOrChecksum_isNotDownloaded() {
        ScriptedHost h = served().file("/opt/f.txt", "other\n", 0644);
        Change c = tester.plan(params(), h);
        assertThat(c.isNone()).isTrue();
        assertThat(h.asked()).noneMatch(p -> p instanceof Probe.Run);
    }

    @Test
    void matchingSha256_noDownload_butAttributesAreSet() {
        ScriptedHost h = served().file("/opt/f.txt", BODY, 0644);
        Change c = tester.plan(params("checksum", "sha256:" + SHA256.toUpperCase(), "mode", "0600"), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class, r -> assertThat(r.argv()).containsExactly("chmod", "600", "--", "/opt/f.txt"));
        assertThat(h.asked()).noneMatch(p -> p instanceof Probe.Run);
    }

    @Test
    void md5OfAnExistingDest_isAskedInTheFirstRoundTrip_andAMismatchDownloads() {
        ScriptedHost h = served().file("/opt/f.txt", "old\n", 0644)
                .answer("md5sum -- /opt/f.txt", 0, "1".repeat(32) + "  /opt/f.txt\n");
        Change c = tester.plan(params("checksum", "md5:537dc6859b024fb32097f40ada34afb7"), h);
        assertThat(c.steps()).singleElement().isInstanceOf(Step.WriteFile.class);
        assertThat(h.roundTrips()).containsExactly(3, 1);
    }

    @Test
    void forcedWithTheSameContent_isNoChange() {
        ScriptedHost h = served().file("/opt/f.txt", BODY, 0644);
        assertThat(tester.plan(params("force", true), h).isNone()).isTrue();
    }

    @Test
    void aDownloadNotMatchingTheChecksum_fails() {
        assertThatThrownBy(() -> tester.plan(params("checksum", "sha256:" + "0".repeat(64)), served()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("did not match").hasMessageContaining(SHA256);
    }

    @Test
    void folderDest_getsTheUrlsFileName() {
        ScriptedHost h = served().dir("/opt/in", 0755);
        Change c = tester.plan(params("dest", "/opt/in"), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.WriteFile.class, w -> assertThat(w.path()).isEqualTo("/opt/in/f.txt"));
        assertThat(c.outputs()).containsEntry("dest", "/opt/in/f.txt");
    }

    @Test
    void withoutCurl_wgetDownloads_andWithNeither_itIsRefused() {
        String wget = "wget --quiet --output-document=- --timeout=10 --header=X-A: $(id) `id` --user=u --password=p'\" -- " + URL;
        Map<String, Object> p = params("headers", Map.of("X-A", "$(id) `id`"), "url_username", "u", "url_password", "p'\"");
        ScriptedHost h = new ScriptedHost().dir("/opt", 0755).answer(wget, 0, BODY);
        Change c = tester.plan(p, h);
        assertThat(c.steps()).singleElement().isInstanceOf(Step.WriteFile.class);
        assertThat(c.outputs()).doesNotContainKey("status_code");
        assertThatThrownBy(() -> tester.plan(p, new ScriptedHost().dir("/opt", 0755)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("neither");
    }

    @Test
    void fileUrl_isReadOnTheHost() {
        ScriptedHost h = new ScriptedHost().dir("/opt", 0755).file("/srv/src.txt", BODY, 0600);
        Change c = tester.plan(params("url", "file:///srv/src.txt"), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.WriteFile.class, w -> assertThat(w.content()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hostileValues_areRefusedOrLiteral() {
        assertThatThrownBy(() -> tester.plan(params("url", "-o/etc/passwd http://x/"), served())).hasMessageContaining("url must start");
        assertThatThrownBy(() -> tester.plan(params("headers", Map.of("X: y", "v")), served())).hasMessageContaining("not a valid HTTP header name");
        assertThatThrownBy(() -> tester.plan(params("checksum", "sha256:$(id)"), served())).hasMessageContaining("checksum must be");
        assertThatThrownBy(() -> tester.plan(params("dest", "/nowhere/f.txt"), served())).hasMessageContaining("Destination dir /nowhere does not exist");
        assertThat(tester.problems(params("url_password", "a\nb"))).isNotEmpty();
    }

    @Test
    void fileNames() {
        assertThat(GetUrlModule.fileName("https://h/a/b.tgz?x=1#y")).isEqualTo("b.tgz");
        assertThat(GetUrlModule.fileName("https://h/")).isEqualTo("index.html");
        assertThat(GetUrlModule.fileName("https://h")).isEqualTo("index.html");
    }

    @Test
    void validateCertsFalse_isInsecure() {
        Map<String, Object> p = params("validate_certs", false, "timeout", 30);
        assertThat(GetUrlModule.curl(tester.bind(p), URL)).contains("--insecure", "30");
        assertThat(GetUrlModule.wget(tester.bind(p), URL)).contains("--no-check-certificate", "--timeout=30");
    }
}
