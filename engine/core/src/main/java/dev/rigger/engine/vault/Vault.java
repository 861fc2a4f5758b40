package dev.rigger.engine.vault;

import java.nio.charset.StandardCharsets;

/**
 * Encrypts and decrypts vault text with one password. Thread-safe; each call derives its key
 * (the salt is per file), so a derivation costs what {@link VaultCipher#ITERATIONS} costs.
 */
public final class Vault {
    private final char[] password;
    private final int iterations;

    public Vault(char[] password) {
        this(password, VaultCipher.ITERATIONS);
    }

    /** With another iteration count: for tests, which must not spend a second per file. */
    public Vault(char[] password, int iterations) {
        if (password == null || password.length == 0) throw new IllegalArgumentException("the vault password is empty");
        this.password = password.clone();
        this.iterations = iterations;
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

    /** @throws VaultException wrong password, tampered or truncated text, or not a vault */
    public byte[] decrypt(String vaultText) throws VaultException {
        return VaultCipher.open(VaultFormat.decode(vaultText), password);
    }

    public String decryptToString(String vaultText) throws VaultException {
        return new String(decrypt(vaultText), StandardCharsets.UTF_8);
    }
}
