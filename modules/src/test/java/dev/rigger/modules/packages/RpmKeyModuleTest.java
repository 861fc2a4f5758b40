package dev.rigger.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * rpm_key's decisions, with the answers a host's gpg 2.2 and rpm 4.18 gave for the test keys of
 * modules/labtest/differential/lab/files (the differential test runs them against Ansible's module).
 */
class RpmKeyModuleTest {
    private static final String FILE = "/etc/rdrpm/one.asc";
    private static final String URL = "http://127.0.9.80:8080/rpm-key-two.asc";
    /** gpg --with-colons --fixed-list-mode --with-fingerprint on rpm-key-one.asc. */
    private static final String ONE = """
            pub:-:2048:1:C0148AE2BB137A1B:1796302643:::-:
            fpr:::::::::2C6FBA8DB00BC278B2B11815C0148AE2BB137A1B:
            uid:::::::::Rigger test key one (no secret kept) <rpm-key-one@rigger.invalid>:
            """;
    private static final String TWO = """
            pub:-:2048:1:64CF8CBD10E34F2B:1796302644:::-:
            fpr:::::::::AA0C96FAA5EFF631BE3ADB7B64CF8CBD10E34F2B:
            uid:::::::::Rigger test key two (no secret kept) <rpm-key-two@rigger.invalid>:
            """;
    private static final String ARMOR = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBGsRZzMBCACgpbZ3\n-----END PGP PUBLIC KEY BLOCK-----\n";
    private static final String GPG = "gpg --no-tty --batch --with-colons --fixed-list-mode --with-fingerprint";
    private final ModuleTester tester = ModuleTester.of(new RpmKeyModule());

    /** A host whose rpm database holds the keys gpg prints as {@code installed} (empty: none). */
    private static ScriptedHost host(String installed) {
        return new ScriptedHost().file(FILE, ARMOR, 0644).answer(RpmKeyModule.INSTALLED, 0, installed)
                .answer("test -f " + FILE, 0, "").answer(GPG + " " + FILE, 0, ONE);
    }

    @Test
    void keyFile_notImported_isImportedByRpm_afterItsFingerprintIsChecked() {
        Change c = tester.plan(Map.of("key", FILE, "fingerprint", "2C6F BA8D B00B C278 B2B1 1815 C014 8AE2 BB13 7A1B"), host(""));
        assertThat(c.steps()).containsExactly(Step.Run.of("rpm", "--import", FILE));
        assertThat(c.diffs()).containsExactly(Diff.create("rpm key C0148AE2BB137A1B", FILE));
    }

    @Test
    void keyFile_whoseIdIsInstalled_isNone_andTheFingerprintIsNotChecked() {
        assertThat(tester.plan(Map.of("key", FILE, "fingerprint", "0000"), host(ONE)).isNone()).isTrue();
    }

    @Test
    void wrongFingerprint_isRefusedWithAnsiblesMessage() {
        assertThatThrownBy(() -> tester.plan(Map.of("key", FILE, "fingerprint", TWO.substring(TWO.indexOf("AA0C"), TWO.indexOf("AA0C") + 40)), host("")))
                .isInstanceOf(ModuleException.class)
                .hasMessage("The specified fingerprint, 'AA0C96FAA5EFF631BE3ADB7B64CF8CBD10E34F2B', does not match the key fingerprint "
                        + "'2C6FBA8DB00BC278B2B11815C0148AE2BB137A1B'");
    }

    @Test
    void url_theFetchedBytesAreImported_throughAFileOfTheirOwn_andTheUrlIsNeverAnOption() {
        ScriptedHost h = host("").answer("curl -q --silent --show-error --location --fail -- " + URL, 0, ARMOR)
                .answer("sh -c curl -q --silent --show-error --location --fail -- \"$1\" | " + GPG + " - rpm_key " + URL, 0, TWO);
        Change c = tester.plan(Map.of("key", URL), h);
        Step.Run step = (Step.Run) c.steps().get(0);
        assertThat(step.argv()).containsExactly("sh", "-c", RpmKeyModule.IMPORT_STDIN, "rpm_key");
        assertThat(new String(step.stdin(), StandardCharsets.UTF_8)).isEqualTo(ARMOR);
        assertThat(h.roundTrips()).as("one round trip of three probes").containsExactly(3);
    }

    @Test
    void url_thatIsNoPublicKey_isRefused() {
        ScriptedHost h = host("").answer("curl -q --silent --show-error --location --insecure --fail -- " + URL, 0, "<html>not found</html>");
        assertThatThrownBy(() -> tester.plan(Map.of("key", URL, "validate_certs", false), h)).hasMessage("Not a public key: " + URL);
    }

    @Test
    void keyId_absent_erasesEveryMatch_byItsShortIdInLowerCase() {
        Change c = tester.plan(Map.of("key", "0xc0148ae2bb137a1b", "state", "absent"), host(ONE + TWO));
        assertThat(c.steps()).containsExactly(Step.Run.of("rpm", "--erase", "--allmatches", "gpg-pubkey-bb137a1b"));
        assertThat(tester.plan(Map.of("key", "DEADBEEF", "state", "absent"), host(ONE + TWO)).isNone()).isTrue();
    }

    @Test
    void keyId_present_isNoneWhenPartOfAnInstalledId_elseNeedsAFile() {
        assertThat(tester.plan(Map.of("key", "bb137a1b"), host(ONE)).isNone()).isTrue();
        assertThatThrownBy(() -> tester.plan(Map.of("key", "DEADBEEF01234567"), host(ONE)))
                .hasMessage("When importing a key, a valid file must be given");
    }

    @Test
    void missingOrRelativeKeyFile_isNotAValidKey() {
        ScriptedHost h = new ScriptedHost().answer(RpmKeyModule.INSTALLED, 0, "").answer("test -f /nope.asc", 1, "");
        assertThatThrownBy(() -> tester.plan(Map.of("key", "/nope.asc"), h)).hasMessage("Not a valid key /nope.asc");
        assertThatThrownBy(() -> tester.plan(Map.of("key", "keys/one.asc"), h)).hasMessageStartingWith("Not a valid key keys/one.asc");
    }

    @Test
    void noRpm_saysSo() {
        ScriptedHost h = new ScriptedHost().answer(RpmKeyModule.INSTALLED, 127, "");
        assertThatThrownBy(() -> tester.plan(Map.of("key", "DEADBEEF", "state", "absent"), h)).hasMessageContaining("\"rpm\"");
    }

    @Test
    void keyIdsAreNormalisedAsAnsibleDoes() {
        assertThat(RpmKeyModule.normalized(" 0xbb137a1b ")).isEqualTo("BB137A1B");
        assertThat(RpmKeyModule.imported(ONE, "C0148AE2")).isTrue();
        assertThat(RpmKeyModule.imported(ONE, "2C6FBA8D")).as("a fingerprint is not a key id field").isFalse();
        assertThat(List.of(RpmKeyModule.field(ONE, "fpr:", 9))).containsExactly("2C6FBA8DB00BC278B2B11815C0148AE2BB137A1B");
    }
}
