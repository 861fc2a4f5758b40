package dev.rigger.engine.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a key derived from the password by PBKDF2-HMAC-SHA256, a fresh random salt
 * and nonce per encryption. JDK only. GCM authenticates, so a wrong password and a tampered
 * file are both caught (they cannot be told apart, by design).
 */
final class VaultCipher {
    /**
     * OWASP's current figure for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet, 2023 on):
     * 600,000. Files written with 310,000 (Rigger before issue 20) still open: the count is in
     * each file's header.
     */
    static final int ITERATIONS = 600_000;
    /**
     * The counts a header may ask for, checked before any key is derived. Below 100,000 (a sixth
     * of the default; no Rigger wrote fewer than 310,000) a file is cheap to guess; above
     * 2,000,000 (3.3 times the default: about 0.6 s of CPU here, where 600,000 take 170 ms) a
     * planted header makes every run that reads the file a cheap denial of service.
     */
    static final int MIN_ITERATIONS = 100_000;
    static final int MAX_ITERATIONS = 2_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;

    VaultCipher(int iterations) {
        this.iterations = iterations;
    }

    Sealed seal(byte[] plain, char[] password) {
        byte[] salt = random(VaultFormat.SALT_BYTES);
        byte[] iv = random(VaultFormat.IV_BYTES);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, password, salt, iterations, iv);
            return new Sealed(iterations, salt, iv, c.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES-GCM or PBKDF2WithHmacSHA256", e);
        }
    }

    static byte[] open(Sealed s, char[] password) throws VaultException {
        try {
            return cipher(Cipher.DECRYPT_MODE, password, s.salt(), s.iterations(), s.iv()).doFinal(s.ciphertext());
        } catch (AEADBadTagException e) {
            throw new VaultException("wrong vault password, or the file was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES-GCM or PBKDF2WithHmacSHA256", e);
        }
    }

    private static Cipher cipher(int mode, char[] password, byte[] salt, int iterations, byte[] iv) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        spec.clearPassword();
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(VaultFormat.TAG_BYTES * 8, iv));
            // the header is authenticated too: a changed iteration count or version is tampering
            c.updateAAD(VaultFormat.header(iterations).getBytes(StandardCharsets.US_ASCII));
            return c;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
