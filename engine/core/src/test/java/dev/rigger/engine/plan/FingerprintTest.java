package dev.rigger.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Diff;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints are keyed per plan: stable under the plan's key, and a secret of four digits in a
 * change cannot be found by trying all 10,000 candidates against the fingerprint without it.
 */
class FingerprintTest {
    private static final String PIN = "4821";

    /** A change writing a PIN, as a plan file keeps it: the diff masked, the fingerprint over the real bytes. */
    private static String of(byte[] key, String pin) {
        return new Fingerprint(key).add("CHANGE").add(List.of(Diff.update("/etc/app/pin", "********", "********")),
                List.of(Step.WriteFile.of("/etc/app/pin", ("pin=" + pin + "\n").getBytes(StandardCharsets.UTF_8), 0600))).hex();
    }

    @Test
    void withThePlansKey_theFingerprintIsStable_andFindsWhatChanged() {
        byte[] key = Fingerprint.newKey();
        assertThat(key).hasSize(32);
        assertThat(of(key, PIN)).isEqualTo(of(key.clone(), PIN)).isNotEqualTo(of(key, "4822"));
    }

    @Test
    void withoutTheKey_noneOfTheTenThousandCandidatesMatches() throws Exception {
        byte[] key = Fingerprint.newKey();
        String saved = of(key, PIN);
        byte[] guessedKey = new byte[32]; // an attacker's best guess: any fixed key
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int found = 0;
        for (int i = 0; i < 10_000; i++) {
            String candidate = String.format("%04d", i);
            if (of(guessedKey, candidate).equals(saved)) found++;
            if (of(Fingerprint.newKey(), candidate).equals(saved)) found++;
            // and the plain digest of everything the fingerprint covers, as before keys
            String plain = HexFormat.of().formatHex(sha.digest(("CHANGE/etc/app/pin********pin=" + candidate + "\n").getBytes(StandardCharsets.UTF_8)));
            if (plain.equals(saved)) found++;
        }
        assertThat(found).isZero();
        // the same search with the key finds it: the key is what protects the secret, so it stays in the plan file only
        int withKey = 0;
        for (int i = 0; i < 10_000; i++) if (of(key, String.format("%04d", i)).equals(saved)) withKey++;
        assertThat(withKey).isEqualTo(1);
    }

    @Test
    void stepsAreFingerprintedFieldByField() {
        byte[] key = Fingerprint.newKey();
        // argv as a list: joined by spaces these two would be one command line
        assertThat(fp(key, Step.Run.of("echo", "a b"))).isNotEqualTo(fp(key, Step.Run.of("echo a", "b")));
        Step.WriteFile plain = new Step.WriteFile("/f", new byte[]{1}, 0644, "root", "root", false, null);
        assertThat(fp(key, plain)).isNotEqualTo(fp(key, new Step.WriteFile("/f", new byte[]{1}, 0644, "root", "root", true, null)))
                .isNotEqualTo(fp(key, new Step.WriteFile("/f", new byte[]{1}, 0644, "root", "root", false, List.of("visudo", "-cf", "%s"))))
                .isNotEqualTo(fp(key, new Step.WriteFile("/f", new byte[]{1}, 0600, "root", "root", false, null)));
    }

    private static String fp(byte[] key, Step s) {
        return new Fingerprint(key).add(List.of(), List.of(s)).hex();
    }
}
