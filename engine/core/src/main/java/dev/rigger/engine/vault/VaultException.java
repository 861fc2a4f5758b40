package dev.rigger.engine.vault;

/** A vault that cannot be opened: wrong password, tampered or truncated text, or not a vault. */
public final class VaultException extends Exception {
    public VaultException(String message) {
        super(message);
    }
}
