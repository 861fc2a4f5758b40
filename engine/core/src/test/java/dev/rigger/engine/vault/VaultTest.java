package dev.rigger.engine.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The vault format and cipher: round trip, fresh salt and nonce, and every kind of damage caught. */
class VaultTest {
    private static final int FAST = 1_000;
    private final Vault vault = new Vault("correct horse".toCharArray(), FAST);

    @Test
    void encrypt_thenDecrypt_givesTheTextBack_behindAClearHeader() throws VaultException {
        String text = vault.encrypt("db_password: hunter2-long\n");
        String[] lines = text.split("\n");
        assertThat(lines[0]).isEqualTo("$RIGGER_VAULT;1;AES256-GCM;PBKDF2-SHA256;1000");
        assertThat(java.util.Arrays.copyOfRange(lines, 1, lines.length)).allMatch(l -> l.matches("[A-Za-z0-9+/=]{1,76}"));
        assertThat(text).doesNotContain("hunter2");
        assertThat(vault.decryptToString(text)).isEqualTo("db_password: hunter2-long\n");
        assertThat(Vault.isEncrypted(text)).isTrue();
        assertThat(Vault.isEncrypted("a: 1\n")).isFalse();
    }

    @Test
    void sameText_encryptsDifferentlyEachTime_randomSaltAndNonce() {
        String a = vault.encrypt("same");
        String b = vault.encrypt("same");
        assertThat(a).isNotEqualTo(b);
        byte[] ba = body(a);
        byte[] bb = body(b);
        assertThat(java.util.Arrays.copyOf(ba, 16)).as("salt").isNotEqualTo(java.util.Arrays.copyOf(bb, 16));
        assertThat(java.util.Arrays.copyOfRange(ba, 16, 28)).as("iv").isNotEqualTo(java.util.Arrays.copyOfRange(bb, 16, 28));
    }

    @Test
    void wrongPassword_isOneClearError() {
        String text = vault.encrypt("x: 1\n");
        assertThatThrownBy(() -> new Vault("wrong".toCharArray(), FAST).decrypt(text))
                .isInstanceOf(VaultException.class).hasMessage("wrong vault password, or the file was altered");
    }

    @Test
    void anyFlippedByte_isCaught() {
        String text = vault.encrypt("secret: value-of-some-length\n");
        byte[] body = body(text);
        for (int i = 0; i < body.length; i++) {
            byte[] bad = body.clone();
            bad[i] ^= 0x01;
            String tampered = text.substring(0, text.indexOf('\n') + 1) + Base64.getEncoder().encodeToString(bad) + "\n";
            assertThatThrownBy(() -> vault.decrypt(tampered)).as("byte " + i).isInstanceOf(VaultException.class);
        }
    }

    @Test
    void editedHeader_truncatedBody_garbage_areCaught() {
        String text = vault.encrypt("x: 1\n");
        assertThatThrownBy(() -> vault.decrypt(text.replace(";1000", ";2000"))).hasMessageContaining("wrong vault password, or the file was altered");
        assertThatThrownBy(() -> vault.decrypt(text.substring(0, text.indexOf('\n') + 9))).hasMessageContaining("truncated");
        assertThatThrownBy(() -> vault.decrypt(text.replace(";1000", ";lots"))).hasMessageContaining("no iteration count");
        assertThatThrownBy(() -> vault.decrypt("$RIGGER_VAULT;1;AES256-GCM;PBKDF2-SHA256;1000\n%%%\n")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> vault.decrypt("$RIGGER_VAULT;2;CHACHA;X;1\nAAAA\n")).hasMessageContaining("unsupported vault header");
        assertThatThrownBy(() -> vault.decrypt("a: 1\n")).hasMessageContaining("not a Rigger vault");
    }

    @Test
    void defaultIterations_makeOneDerivationSlow_butWellUnderASecond() throws VaultException {
        Vault real = new Vault("pw".toCharArray());
        String text = real.encrypt("x"); // also warms the JIT up
        assertThat(text).startsWith("$RIGGER_VAULT;1;AES256-GCM;PBKDF2-SHA256;" + VaultCipher.ITERATIONS + "\n");
        assertThat(VaultCipher.ITERATIONS).as("OWASP's current figure for PBKDF2-HMAC-SHA256").isGreaterThanOrEqualTo(600_000);
        // CPU time of this thread, not wall time: the shared CI machine may be busy with others
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = cpu.getCurrentThreadCpuTime();
        real.decrypt(text);
        long ms = (cpu.getCurrentThreadCpuTime() - t0) / 1_000_000;
        System.out.println("one PBKDF2-SHA256 derivation at " + VaultCipher.ITERATIONS + " iterations + AES-GCM: " + ms + " ms CPU");
        assertThat(ms).isLessThan(1_000);
    }

    @Test
    void headerAskingForTooManyOrTooFewIterations_isRefusedBeforeDeriving() {
        Vault real = new Vault("pw".toCharArray());
        String body = vault.encrypt("x: 1\n");
        body = body.substring(body.indexOf('\n'));
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String count : new String[] {"10000000", "2000001", "99999", "1000"}) {
            long t0 = cpu.getCurrentThreadCpuTime();
            String text = "$RIGGER_VAULT;1;AES256-GCM;PBKDF2-SHA256;" + count + body;
            assertThatThrownBy(() -> real.decrypt(text)).as(count).isInstanceOf(VaultException.class)
                    .hasMessageContaining("only 100,000 to 2,000,000 are accepted (refused before deriving a key)");
            // a derivation at 10 million iterations took 22 s of CPU: none may have started
            assertThat((cpu.getCurrentThreadCpuTime() - t0) / 1_000_000).as(count).isLessThan(100);
        }
    }

    @Test
    void filesWrittenWithTheOldCount_stillOpen_withTheDefaultVault() throws VaultException {
        String old = new Vault("pw".toCharArray(), 310_000).encrypt("x: 1\n");
        assertThat(old).startsWith("$RIGGER_VAULT;1;AES256-GCM;PBKDF2-SHA256;310000\n");
        assertThat(new Vault("pw".toCharArray()).decryptToString(old)).isEqualTo("x: 1\n");
    }

    @Test
    void emptyPassword_isRefused() {
        assertThatThrownBy(() -> new Vault(new char[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] body(String text) {
        return Base64.getMimeDecoder().decode(text.substring(text.indexOf('\n') + 1).replaceAll("\\s", "").getBytes(StandardCharsets.US_ASCII));
    }
}
