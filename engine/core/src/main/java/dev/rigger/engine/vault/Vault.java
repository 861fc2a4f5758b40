package dev.rigger.engine.vault;

import java.nio.charset.StandardCharsets;

/**
 * Encrypts and decrypts vault text with one password. Thread-safe; each call derives its key
 * (the salt is per file), so a derivation costs what {@link VaultCipher#ITERATIONS} costs.
 */
public final class Vault {
    private final char[] password;
    private final int iterations;
    /** The lowest count a file may ask for: the floor, or this vault's own (cheaper) count in tests. */
    private final int minIterations;

    public Vault(char[] password) {
        this(password, VaultCipher.ITERATIONS);
    }

    /** With another iteration count: for tests, which must not spend a second per file. */
    public Vault(char[] password, int iterations) {
        if (password == null || password.length == 0) throw new IllegalArgumentException("the vault password is empty");
        this.password = password.clone();
        if (iterations < 1 || iterations > VaultCipher.MAX_ITERATIONS) throw new IllegalArgumentException("iterations out of range: " + iterations);
        this.iterations = iterations;
        this.minIterations = Math.min(iterations, VaultCipher.MIN_ITERATIONS);
    }

    /** Whether {@code text} is vault-encrypted (any version), by its header. */
    public static boolean isEncrypted(String text) {
        return VaultFormat.isVault(text);
    }

    /** The vault text of {@code plain}: header line, then base64 lines. */
    public String encrypt(byte[] plain) {
        return VaultFormat.encode(new VaultCipher(iterations).seal(plain, password));
    }

    public String encrypt(String plain) {
        return encrypt(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws VaultException wrong password, tampered or truncated text, not a vault, or an
     *         iteration count outside 100,000..2,000,000 (refused before deriving a key)
     */
    public byte[] decrypt(String vaultText) throws VaultException {
        return VaultCipher.open(VaultFormat.decode(vaultText, minIterations), password);
    }

    public String decryptToString(String vaultText) throws VaultException {
        return new String(decrypt(vaultText), StandardCharsets.UTF_8);
    }
}
