package dev.rigger.engine.vault;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How loaders read a vars file that may be a vault: decrypted with the run's password (a missing
 * or wrong one is a diagnostic naming the file), and every value it holds handed to
 * {@code onSecret} as it is read, so printers mask it before anything is printed.
 */
public final class VaultReader {
    private static final VaultReader NONE = new VaultReader(null, s -> { });
    private static final String NO_PASSWORD = "no vault password was given "
            + "(--vault-password-file FILE, --vault-id [LABEL@]FILE, or RIGGER_VAULT_PASSWORD_FILE / RIGGER_VAULT_PASSWORD)";
    private final Vault vault;
    private final AnsibleVault ansible;
    private final Consumer<Object> onSecret;

    /**
     * @param vault    the run's vault password, or null when none was given
     * @param onSecret learns every value below the tree it is given as secret (the run's masker)
     */
    public VaultReader(Vault vault, Consumer<Object> onSecret) {
        this(vault, null, onSecret);
    }

    /** @param ansible reads Ansible Vault files with the run's vault ids, or null when none was given */
    public VaultReader(Vault vault, AnsibleVault ansible, Consumer<Object> onSecret) {
        this.vault = vault;
        this.ansible = ansible;
        this.onSecret = onSecret;
    }

    /** Whether {@code text} is vault text, Rigger's or Ansible's. */
    public static boolean isEncrypted(String text) {
        return Vault.isEncrypted(text) || AnsibleVault.isEncrypted(text);
    }

    /** The plain text of Rigger or Ansible vault text; null (reading none) when no password of that kind was given. */
    private String decrypt(String text) throws VaultException {
        if (AnsibleVault.isEncrypted(text)) return ansible == null ? null : ansible.decryptToString(text);
        return vault == null ? null : vault.decryptToString(text);
    }

    /** No password: a vault file is an error that says how to give one. */
    public static VaultReader none() {
        return NONE;
    }

    /** The plain text of {@code file}: {@code text} itself, or decrypted; empty after a diagnostic. */
    public Optional<String> open(Path file, String text, Diagnostics diags) {
        Location at = Location.of(file, 1, 1);
        if (!isEncrypted(text)) return Optional.of(text);
        try {
            String plain = decrypt(text);
            if (plain == null) diags.error(at, "file is vault-encrypted and " + NO_PASSWORD);
            return Optional.ofNullable(plain);
        } catch (VaultException e) {
            diags.error(at, "cannot decrypt vault: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * {@code vars} with every string value that is itself a vault ({@code rigger vault
     * encrypt-string}, or Ansible's {@code !vault |} value) decrypted; those values are secrets from now on. Without a password, or
     * with a wrong one, such a value is a diagnostic naming the file and variable.
     */
    public Map<String, Object> inline(Path file, Map<String, Object> vars, Diagnostics diags) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        vars.forEach((k, v) -> out.put(k, inline(file, k, v, diags)));
        return out;
    }

    private Object inline(Path file, String name, Object v, Diagnostics diags) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, inline(file, name, x, diags)));
            return out;
        }
        if (v instanceof java.util.List<?> l) return l.stream().map(x -> inline(file, name, x, diags)).toList();
        if (!(v instanceof String s) || !isEncrypted(s)) return v;
        Location at = Location.of(file, 0, 0);
        try {
            String plain = decrypt(s);
            if (plain == null) {
                diags.error(at, "variable '" + name + "' is vault-encrypted and " + NO_PASSWORD);
                return null;
            }
            onSecret.accept(plain);
            return plain;
        } catch (VaultException e) {
            diags.error(at, "variable '" + name + "': cannot decrypt vault: " + e.getMessage());
            return null;
        }
    }

    /** Every value of a decrypted vars file is a secret from now on. */
    public void learn(Map<String, Object> vars) {
        onSecret.accept(vars);
    }
}
