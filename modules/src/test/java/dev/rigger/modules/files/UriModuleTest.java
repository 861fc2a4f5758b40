package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UriModuleTest {
    private static final String URL = "http://127.0.9.80:8080/d.json";
    private static final String HEAD = "curl -q --silent --show-error --location --max-time 30 --write-out \n%{http_code} %{num_redirects} %header{content-length} %{content_type}";
    private final ModuleTester tester = ModuleTester.of(new UriModule());

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("url", URL));
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void registered() {
        tester.assertRegistered();
    }

    @Test
    void get_registersStatusJsonAndContent_andChangesNothing() {
        ScriptedHost h = new ScriptedHost().answer(HEAD + " -- " + URL, 0, "{\"a\": [1]}\n200 0 10 application/json; charset=utf-8");
        Change c = tester.plan(params("return_content", true), h);
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).containsEntry("status", 200).containsEntry("json", Map.of("a", List.of(1)))
                .containsEntry("content", "{\"a\": [1]}").containsEntry("msg", "OK (10 bytes)").containsEntry("redirected", false);
        assertThat(h.roundTrips()).containsExactly(1);
    }

    @Test
    void aStatusNotListed_fails_andAListedOneDoesNot() {
        ScriptedHost h = new ScriptedHost().answer(HEAD + " -- " + URL, 0, "gone\n404 0 4 text/html");
        assertThatThrownBy(() -> tester.plan(params(), h)).isInstanceOf(ModuleException.class).hasMessageStartingWith("Status code was 404 and not [200]");
        assertThat(tester.plan(params("status_code", List.of(200, 404)), h).outputs()).containsEntry("status", 404).doesNotContainKey("json");
    }

    @Test
    void creates_existing_skipsWithAnsiblesWords() {
        ScriptedHost h = new ScriptedHost().dir("/etc", 0755);
        Change c = tester.plan(params("creates", "/etc"), h);
        assertThat(c.outputs()).containsEntry("stdout", "skipped, since '/etc' exists");
        assertThat(h.asked().get(0)).isEqualTo(new Probe.Stat("/etc"));
    }

    @Test
    void jsonBody_andHostileHeaders_areLiteralArguments() {
        Map<String, Object> p = params("body", Map.of("k", "$(id)"), "body_format", "json", "headers", Map.of("X-A", "`id` 'q'"));
        assertThat(UriModule.curl(tester.bind(p))).containsSubsequence("--header", "X-A: `id` 'q'", "--header", "Content-Type: application/json",
                "--request", "GET", "--data-binary", "{\"k\":\"$(id)\"}", "--", URL);
        Map<String, Object> form = params("body", Map.of("a b", "c&d"), "body_format", "form-urlencoded");
        assertThat(UriModule.curl(tester.bind(form))).contains("a+b=c%26d", "Content-Type: application/x-www-form-urlencoded");
    }

    @Test
    void head_andRefusals() {
        assertThat(UriModule.curl(tester.bind(params("method", "HEAD")))).containsSubsequence("--head", "--output", "/dev/null");
        assertThat(tester.problems(params("method", "POST"))).isNotEmpty();
        assertThatThrownBy(() -> tester.plan(params("url", "file:///etc/passwd"), new ScriptedHost())).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> tester.plan(params(), new ScriptedHost())).hasMessageContaining("needs curl");
    }
}
