package dev.rigger.engine.vault;

/**
 * The parts of an encrypted vault: PBKDF2 iterations and salt (the key), the GCM nonce, and the
 * ciphertext with its 16-byte tag appended (as {@code javax.crypto} produces it).
 */
record Sealed(int iterations, byte[] salt, byte[] iv, byte[] ciphertext) {
}
