package dev.rigger.cli;

import dev.rigger.engine.load.PlaybookLoader;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.vault.Vault;
import dev.rigger.engine.vault.VaultReader;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The vault password: {@code --vault-password-file}, else the file named by
 * {@code RIGGER_VAULT_PASSWORD_FILE}, else {@code RIGGER_VAULT_PASSWORD} itself.
 */
final class VaultOptions {
    static final String FILE_ENV = "RIGGER_VAULT_PASSWORD_FILE";
    static final String PASSWORD_ENV = "RIGGER_VAULT_PASSWORD";

    @Option(names = "--vault-password-file", paramLabel = "FILE",
            description = "Decrypt vault files with the password in FILE (else $" + FILE_ENV + ", else $" + PASSWORD_ENV + ").")
    Path passwordFile;

    /** The password, or null when none was given. */
    String password(Map<String, String> env) {
        if (passwordFile != null) return Passwords.read(passwordFile, "--vault-password-file");
        String file = env.get(FILE_ENV);
        if (file != null && !file.isBlank()) return Passwords.read(Path.of(file), "$" + FILE_ENV);
        String pw = env.get(PASSWORD_ENV);
        return pw == null || pw.isEmpty() ? null : pw;
    }

    /** The vault to decrypt with, or null when no password was given. */
    Vault vault() {
        String pw = password(System.getenv());
        return pw == null ? null : new Vault(pw.toCharArray());
    }

    /** How a command reads its inputs: vault files decrypted (if a password was given), every value they hold taught to {@code masker}. */
    Inputs inputs(Masker masker) {
        String pw = password(System.getenv());
        masker.add(pw);
        VaultReader vault = new VaultReader(pw == null ? null : new Vault(pw.toCharArray()), masker::addLeaves);
        // roles: ANSIBLE_ROLES_PATH first; ansible.cfg's roles_path goes after it
        return new Inputs(new PlaybookLoader(vault, PlaybookLoader.rolesPathOf(System.getenv("ANSIBLE_ROLES_PATH"))), vault, masker);
    }
}
