package dev.rigger.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * apt_key's decisions, with what apt-key 2.6 (Debian 12) listed on a lab host and the test keys of
 * modules/labtest/differential/lab/files (the differential test runs them against Ansible's module).
 */
class AptKeyModuleTest {
    private static final String LIST = "apt-key adv --list-public-keys --keyid-format=long";
    private static final String RING = "/etc/apt/trusted.gpg.d/rd.gpg";
    private static final String LIST_RING = "sh -c " + AptKeyModule.LIST_KEYRING + " apt_key " + RING;
    /** apt-key's listing with key one (C0148AE2BB137A1B) and an expired key. */
    private static final String WITH_ONE = """
            Executing: /tmp/apt-key-gpghome.OJyxBu6vOa/gpg.1.sh --list-public-keys --keyid-format=long
            /etc/apt/trusted.gpg.d/rd.gpg
            -----------------------------
            pub   rsa2048/C0148AE2BB137A1B 2026-12-03 [SC]
                  2C6FBA8DB00BC278B2B11815C0148AE2BB137A1B
            uid                 [ unknown] Rigger test key one (no secret kept) <rpm-key-one@rigger.invalid>

            pub   rsa4096/B7C5D7D6350947F8 2023-01-21 [SC] [expires: 2031-01-19]
                  B8B80B5B623EAB6AD8775C45B7C5D7D6350947F8
            uid                 [ unknown] Debian Archive Automatic Signing Key (12/bookworm) <ftpmaster@debian.org>
            sub   rsa4096/6ED0E7B82643E131 2023-01-21 [S] [expires: 2031-01-19]

            pub   rsa1024/0123456789ABCDEF 2010-01-01 [SC] [expired: 2012-01-01]
            """;
    private static final String EMPTY = "Executing: /tmp/apt-key-gpghome.Q9BmrZuXi6/gpg.1.sh --list-public-keys --keyid-format=long\n";
    private final ModuleTester tester = ModuleTester.of(new AptKeyModule());

    private static String key(String name) {
        try {
            return Files.readString(Path.of("labtest/differential/lab/files/" + name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listing_isReadAsAnsibleReadsIt_pubAndSubNotExpired() {
        assertThat(AptKeyModule.keys(WITH_ONE, false)).containsExactly("C0148AE2BB137A1B", "B7C5D7D6350947F8", "6ED0E7B82643E131");
        assertThat(AptKeyModule.keys(WITH_ONE, true)).containsExactly("BB137A1B", "350947F8", "2643E131");
    }

    @Test
    void keyIds_areReadFromArmoredAndBinaryKeys_asGpgPrintsThem() {
        assertThat(AptKeyModule.keyId(key("rpm-key-one.asc").getBytes(StandardCharsets.UTF_8), "x")).isEqualTo("C0148AE2BB137A1B");
        assertThat(AptKeyModule.keyId(key("rpm-key-two.asc").getBytes(StandardCharsets.UTF_8), "x")).isEqualTo("64CF8CBD10E34F2B");
        String armored = key("rpm-key-three.asc");
        String[] lines = armored.split("\n");
        StringBuilder b64 = new StringBuilder();
        boolean body = false;
        for (String l : lines) {
            if (body && (l.startsWith("=") || l.startsWith("-----"))) break;
            if (body) b64.append(l);
            if (l.isEmpty()) body = true;
        }
        byte[] binary = Base64.getDecoder().decode(b64.toString());
        assertThat(AptKeyModule.keyId(binary, "x")).isEqualTo("7F47753BB91B2B26");
        assertThatThrownBy(() -> AptKeyModule.keyId("hello".getBytes(StandardCharsets.UTF_8), "'inline data'"))
                .isInstanceOf(ModuleException.class).hasMessageStartingWith("Unable to extract key from 'inline data'");
    }

    @Test
    void data_notListed_isAddedOnStdin_neverOnACommandLine_thenListedForAfter() {
        String data = key("rpm-key-two.asc");
        ScriptedHost h = new ScriptedHost().answer(LIST_RING, 0, WITH_ONE);
        Change c = tester.plan(Map.of("data", data, "keyring", RING), h);
        Step.Run add = (Step.Run) c.steps().get(0);
        assertThat(add.argv()).containsExactly("apt-key", "--keyring", RING, "add", "-");
        assertThat(new String(add.stdin(), StandardCharsets.UTF_8)).isEqualTo(data);
        assertThat(c.steps().get(1)).isEqualTo(Step.Run.of("sh", "-c", AptKeyModule.LIST_KEYRING, "apt_key", RING));
        assertThat(c.diffs()).containsExactly(Diff.create("apt key 64CF8CBD10E34F2B in " + RING, "inline data"));
        assertThat(c.outputs()).containsEntry("id", "64CF8CBD10E34F2B").containsEntry("short_id", "10E34F2B")
                .containsEntry("fp", "64CF8CBD10E34F2B").containsEntry("key_id", "64CF8CBD10E34F2B")
                .containsEntry("before", List.of("C0148AE2BB137A1B", "B7C5D7D6350947F8", "6ED0E7B82643E131"));
        assertThat(h.roundTrips()).containsExactly(1);
    }

    @Test
    void file_whoseKeyIsListed_isNone_andByIdTheFileIsNotNeeded() {
        ScriptedHost h = new ScriptedHost().answer(LIST, 0, WITH_ONE).file("/etc/rdak/one.asc", key("rpm-key-one.asc"), 0644);
        assertThat(tester.plan(Map.of("file", "/etc/rdak/one.asc"), h).isNone()).isTrue();
        assertThat(tester.plan(Map.of("id", "0xbb137a1b", "file", "/etc/rdak/missing.asc"), h).isNone()).isTrue();
        assertThat(tester.plan(Map.of("id", "2C6FBA8DB00BC278B2B11815C0148AE2BB137A1B"), h).isNone()).as("a fingerprint compares its last 16").isTrue();
    }

    @Test
    void file_notListed_isAddedByItsPath_asALiteralWord() {
        ScriptedHost h = new ScriptedHost().answer(LIST, 0, EMPTY).file("/etc/rdak/one.asc", key("rpm-key-one.asc"), 0644);
        Change c = tester.plan(Map.of("file", "/etc/rdak/one.asc"), h);
        assertThat(c.steps().get(0)).isEqualTo(Step.Run.of("apt-key", "add", "/etc/rdak/one.asc"));
        assertThat(c.outputs()).containsEntry("id", "C0148AE2BB137A1B").containsEntry("before", List.of());
        ScriptedHost missing = new ScriptedHost().answer(LIST, 0, EMPTY);
        assertThatThrownBy(() -> tester.plan(Map.of("file", "/etc/rdak/none.asc"), missing)).hasMessageStartingWith("Unable to extract key from '/etc/rdak/none.asc'");
    }

    @Test
    void url_isFetchedByCurl_inTheSameRoundTrip_andTheBytesAreAdded() {
        String url = "http://127.0.9.80:8080/rpm-key-three.asc";
        ScriptedHost h = new ScriptedHost().answer(LIST, 0, EMPTY)
                .answer("curl -q --silent --show-error --location --insecure --fail -- " + url, 0, key("rpm-key-three.asc"));
        Change c = tester.plan(Map.of("url", url, "validate_certs", false), h);
        assertThat(c.outputs()).containsEntry("id", "7F47753BB91B2B26");
        assertThat(new String(((Step.Run) c.steps().get(0)).stdin(), StandardCharsets.UTF_8)).isEqualTo(key("rpm-key-three.asc"));
        assertThat(h.roundTrips()).containsExactly(2);
        ScriptedHost down = new ScriptedHost().answer(LIST, 0, EMPTY).answer("curl -q --silent --show-error --location --fail -- " + url, 22, "");
        assertThatThrownBy(() -> tester.plan(Map.of("url", url), down)).hasMessageStartingWith("Failed to download key at " + url);
    }

    @Test
    void absent_deletesByTheShortId_onlyWhenListed() {
        ScriptedHost h = new ScriptedHost().answer(LIST, 0, WITH_ONE);
        Change c = tester.plan(Map.of("id", "C0148AE2BB137A1B", "state", "absent"), h);
        assertThat(c.steps().get(0)).isEqualTo(Step.Run.of("apt-key", "del", "BB137A1B"));
        assertThat(c.diffs()).containsExactly(Diff.delete("apt key C0148AE2BB137A1B", "present"));
        assertThat(tester.plan(Map.of("id", "DEADBEEF", "state", "absent"), h).isNone()).isTrue();
        assertThat(tester.plan(Map.of("id", "0123456789ABCDEF", "state", "absent"), h).isNone()).as("an expired key is not listed").isTrue();
    }

    @Test
    void hostileOrMalformedIds_areRefused_beforeAnyCommand() {
        ScriptedHost h = new ScriptedHost().answer(LIST, 0, WITH_ONE);
        for (String bad : List.of("DEADBEEF; touch /tmp/x", "$(id)", "DEADBE", "0x", "12345678901", "-DEADBEEF", "DEAD_BEEF")) {
            assertThatThrownBy(() -> tester.plan(Map.of("id", bad, "state", "absent"), h)).as(bad).hasMessageStartingWith("Invalid key_id");
        }
        assertThatThrownBy(() -> tester.plan(Map.of("state", "absent"), h)).hasMessage("Invalid key_id");
    }

    @Test
    void keyserver_needsAnId_andIsRefusedOnlyWhenTheKeyMustBeAdded() {
        ScriptedHost h = new ScriptedHost().answer(LIST, 0, WITH_ONE);
        assertThatThrownBy(() -> tester.plan(Map.of("keyserver", "keys.example.org"), h)).hasMessage("Missing key_id, required with keyserver.");
        assertThat(tester.plan(Map.of("id", "BB137A1B", "keyserver", "keys.example.org"), h).isNone()).isTrue();
        assertThatThrownBy(() -> tester.plan(Map.of("id", "DEADBEEF", "keyserver", "keys.example.org"), h))
                .hasMessageContaining("Rigger does not reach keyservers");
    }

    @Test
    void noAptKey_saysSo() {
        ScriptedHost h = new ScriptedHost().answer(LIST, 127, "");
        assertThatThrownBy(() -> tester.plan(Map.of("id", "DEADBEEF", "state", "absent"), h)).hasMessageContaining("\"apt-key\"");
    }

    @Test
    void presentById_withNothingToAddItFrom_isUnknown_asAnsibleChecksButCannotApply() {
        Change c = tester.plan(Map.of("id", "DEADBEEF01234567"), new ScriptedHost().answer(LIST, 0, WITH_ONE));
        assertThat(c.kind()).isEqualTo(Change.Kind.UNKNOWN);
        assertThat(c.reason()).contains("No key to add");
    }

    @Test
    void aKeyring_isListedThroughItsOwnArgument_andAFileIsAddedByItsLiteralPath() {
        ScriptedHost h = new ScriptedHost().answer(LIST_RING, 0, "").file("/-x.asc", key("rpm-key-one.asc"), 0644);
        assertThat(AptKeyModule.LIST_KEYRING).startsWith("[ -e \"$1\" ] || exit 0;");
        Change c = tester.plan(Map.of("file", "/-x.asc", "keyring", RING), h);
        assertThat(c.steps().get(0)).isEqualTo(Step.Run.of("apt-key", "--keyring", RING, "add", "/-x.asc"));
        assertThat(h.asked().get(0)).isEqualTo(new dev.rigger.spi.Probe.Run(List.of("sh", "-c", AptKeyModule.LIST_KEYRING, "apt_key", RING)));
    }
}
