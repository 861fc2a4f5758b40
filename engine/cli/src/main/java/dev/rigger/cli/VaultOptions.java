package dev.rigger.cli;

import dev.rigger.engine.load.PlaybookLoader;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.vault.AnsibleVault;
import dev.rigger.engine.vault.Vault;
import dev.rigger.engine.vault.VaultReader;
import java.io.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The vault passwords: {@code --vault-password-file}, {@code --vault-id [LABEL@]FILE|prompt} (as
 * many as needed), {@code --ask-vault-password}, else the file named by
 * {@code RIGGER_VAULT_PASSWORD_FILE}, else {@code RIGGER_VAULT_PASSWORD} itself, else
 * {@code ANSIBLE_VAULT_PASSWORD_FILE}, else ansible.cfg's {@code vault_password_file}. Rigger's own
 * vault format uses the first of them; Ansible Vault files try every one, the id their header
 * names first.
 */
final class VaultOptions {
    static final String FILE_ENV = "RIGGER_VAULT_PASSWORD_FILE";
    static final String PASSWORD_ENV = "RIGGER_VAULT_PASSWORD";
    static final String DEFAULT_ID = "default";

    @Option(names = "--vault-password-file", paramLabel = "FILE",
            description = "Decrypt vault files with the password in FILE (else $" + FILE_ENV + ", else $" + PASSWORD_ENV + ").")
    Path passwordFile;

    @Option(names = "--vault-id", paramLabel = "[LABEL@]FILE|prompt",
            description = "A vault identity, as ansible-playbook's: the password in FILE (or asked on the terminal with 'prompt'), labelled LABEL. Repeatable.")
    List<String> vaultIds = List.of();

    @Option(names = {"-J", "--ask-vault-password", "--ask-vault-pass"}, description = "Ask for the vault password on the terminal.")
    boolean askVaultPassword;

    /** Every password given, labelled, in the order given; empty when none. */
    List<AnsibleVault.Id> ids(Map<String, String> env) {
        List<AnsibleVault.Id> out = new ArrayList<>();
        if (passwordFile != null) out.add(id(DEFAULT_ID, Passwords.read(passwordFile, "--vault-password-file")));
        for (String v : vaultIds) {
            int at = v.indexOf('@');
            String label = at < 0 ? DEFAULT_ID : v.substring(0, at);
            String source = at < 0 ? v : v.substring(at + 1);
            out.add(id(label, source.equals("prompt") ? ask("--vault-id " + v, "Vault password (" + label + "): ")
                    : Passwords.read(Path.of(source), "--vault-id")));
        }
        if (askVaultPassword) out.add(id(DEFAULT_ID, ask("--ask-vault-password", "Vault password: ")));
        if (!out.isEmpty()) return out;
        String file = env.get(FILE_ENV);
        if (file != null && !file.isBlank()) return List.of(id(DEFAULT_ID, Passwords.read(Path.of(file), "$" + FILE_ENV)));
        String pw = env.get(PASSWORD_ENV);
        if (pw != null && !pw.isEmpty()) return List.of(id(DEFAULT_ID, pw));
        String ansibleFile = env.get("ANSIBLE_VAULT_PASSWORD_FILE");
        if (ansibleFile != null && !ansibleFile.isBlank()) return List.of(id(DEFAULT_ID, Passwords.read(Path.of(ansibleFile), "$ANSIBLE_VAULT_PASSWORD_FILE")));
        Path fromConfig = AnsibleConfig.current().vaultPasswordFile();
        if (fromConfig != null) return List.of(id(DEFAULT_ID, Passwords.read(fromConfig, AnsibleConfig.current().file() + " vault_password_file")));
        return List.of();
    }

    private static AnsibleVault.Id id(String label, String password) {
        return new AnsibleVault.Id(label, password.toCharArray());
    }

    /** A password typed on the terminal; without one the option is refused, never read from a pipe. */
    private static String ask(String option, String prompt) {
        Console c = System.console();
        if (c == null) {
            System.err.println("rigger: " + option + " asks on a terminal and there is none; give --vault-password-file FILE or --vault-id LABEL@FILE");
            throw new ExitException(ExitCodes.BAD_OPTIONS);
        }
        char[] pw = c.readPassword("%s", prompt);
        if (pw == null || pw.length == 0) {
            System.err.println("rigger: " + option + ": no password typed");
            throw new ExitException(ExitCodes.BAD_OPTIONS);
        }
        return new String(pw);
    }

    /** The password of Rigger's own vault format (the first given), or null when none was given. */
    String password(Map<String, String> env) {
        List<AnsibleVault.Id> ids = ids(env);
        return ids.isEmpty() ? null : new String(ids.get(0).password());
    }

    /** The vault to decrypt with, or null when no password was given. */
    Vault vault() {
        String pw = password(System.getenv());
        return pw == null ? null : new Vault(pw.toCharArray());
    }

    /** How a command reads its inputs: vault files decrypted (if a password was given), every value they hold taught to {@code masker}. */
    Inputs inputs(Masker masker) {
        List<AnsibleVault.Id> ids = ids(System.getenv());
        ids.forEach(id -> masker.add(new String(id.password())));
        Vault rigger = ids.isEmpty() ? null : new Vault(ids.get(0).password());
        VaultReader vault = new VaultReader(rigger, ids.isEmpty() ? null : new AnsibleVault(ids), masker::addLeaves);
        // roles: ANSIBLE_ROLES_PATH first; ansible.cfg's roles_path goes after it
        List<Path> rolesPath = new ArrayList<>(PlaybookLoader.rolesPathOf(System.getenv("ANSIBLE_ROLES_PATH")));
        rolesPath.addAll(AnsibleConfig.current().rolesPath());
        return new Inputs(new PlaybookLoader(vault, rolesPath), vault, masker);
    }
}
