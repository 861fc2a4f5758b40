package dev.rigger.cli;

import dev.rigger.engine.inventory.SshArgs;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.Profile;

/**
 * The settings of {@code ansible.cfg} Rigger honours, found where Ansible looks (first found
 * wins): {@code $ANSIBLE_CONFIG} (a file, or a folder holding ansible.cfg), {@code ./ansible.cfg}
 * (not in a world-writable folder, as Ansible), {@code ~/.ansible.cfg},
 * {@code /etc/ansible/ansible.cfg}. A command-line option beats the file. Unknown keys are
 * ignored as Ansible ignores them; keys Rigger knows and cannot honour are warned about.
 *
 * @param file                 the file read, or null when none was found
 * @param inventory            {@code [defaults] inventory}: comma-separated sources, relative to the file's folder
 * @param rolesPath            {@code [defaults] roles_path}, colon-separated, relative to the file's folder: searched after
 *                             {@code ANSIBLE_ROLES_PATH} (see {@link VaultOptions#inputs})
 * @param hostKeyCheckingOff   {@code host_key_checking = False}: Rigger trusts new keys (as --accept-new-hostkeys), never changed ones
 * @param forceHandlers        {@code [defaults] force_handlers}, as --force-handlers
 * @param sshArgs              {@code [ssh_connection] ssh_args}, read as --ssh-common-args is (the same refusals, located in the
 *                             file); {@link SshArgs#NONE} when absent
 */
record AnsibleConfig(Path file, List<String> inventory, List<Path> rolesPath, Integer forks, String remoteUser,
                     Path privateKeyFile, Integer timeout, Path vaultPasswordFile, boolean hostKeyCheckingOff,
                     Boolean become, String becomeUser, String becomeMethod, boolean becomeAskPass, boolean forceHandlers,
                     SshArgs sshArgs) {

    static final AnsibleConfig NONE = new AnsibleConfig(null, List.of(), List.of(), null, null, null, null, null, false, null, null, null, false, false,
            SshArgs.NONE);

    /** Keys Rigger reads (section.key), and keys it knows and does not honour, with what to do instead. */
    private static final Map<String, String> NOT_HONOURED = Map.ofEntries(
            Map.entry("defaults.strategy", "Rigger runs its own dependency-ordered strategy"),
            Map.entry("defaults.gathering", "facts are gathered as the playbook's gather_facts says"),
            Map.entry("defaults.fact_caching", "Rigger keeps no fact cache between runs"),
            Map.entry("defaults.stdout_callback", "Rigger's console report is its own (see --report-json, --report-html)"),
            Map.entry("defaults.callbacks_enabled", "callback plugins are not run"),
            Map.entry("defaults.callback_whitelist", "callback plugins are not run"),
            Map.entry("defaults.library", "modules are Java classes: see --modules"),
            Map.entry("defaults.module_utils", "modules are Java classes: see --modules"),
            Map.entry("defaults.vault_identity_list", "give --vault-id LABEL@FILE on the command line"),
            Map.entry("ssh_connection.pipelining", "Rigger sends one script per round trip already"),
            Map.entry("ssh_connection.control_path", "connection reuse is --ssh-persist SECONDS"),
            Map.entry("ssh_connection.control_persist", "connection reuse is --ssh-persist SECONDS"),
            Map.entry("ssh_connection.scp_if_ssh", "files go over SFTP"),
            Map.entry("ssh_connection.transfer_method", "files go over SFTP"));

    /** The config in effect for this process (read and warned about once per command), or {@link #NONE}. */
    static AnsibleConfig current() {
        if (current == null) current = find(System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home"))).map(f -> read(f, System.err)).orElse(NONE);
        return current;
    }

    private static AnsibleConfig current;

    /** Forgets the config read: each command line reads it afresh (tests run several in one JVM). */
    static void reset() {
        current = null;
    }

    static Optional<Path> find(Map<String, String> env, Path cwd, Path home) {
        List<Path> candidates = new ArrayList<>();
        String fromEnv = env.get("ANSIBLE_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path p = Path.of(fromEnv.startsWith("~/") ? home + fromEnv.substring(1) : fromEnv);
            candidates.add(Files.isDirectory(p) ? p.resolve("ansible.cfg") : p);
        }
        if (!worldWritable(cwd)) candidates.add(cwd.resolve("ansible.cfg"));
        candidates.add(home.resolve(".ansible.cfg"));
        candidates.add(Path.of("/etc/ansible/ansible.cfg"));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    private static boolean worldWritable(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Reads {@code file}; an unreadable file or a bad value ends the command (exit 5) saying which. */
    static AnsibleConfig read(Path file, PrintStream warn) {
        Config c = new Config();
        c.setEscape(false); // configparser knows no backslash escapes
        c.setMultiOption(false);
        c.setEmptyOption(true);
        Ini ini = new Ini();
        ini.setConfig(c);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ini.load(r);
        } catch (IOException e) {
            return fail(file, "cannot read: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        for (String section : ini.keySet()) {
            for (String key : ini.get(section).keySet()) {
                String why = NOT_HONOURED.get(section + "." + key);
                if (why != null) warn.println("rigger: warning: " + file + ": [" + section + "] " + key + " is not honoured: " + why);
            }
        }
        Profile.Section d = ini.get("defaults");
        Profile.Section pe = ini.get("privilege_escalation");
        String hostKeys = value(d, "host_key_checking");
        boolean keysOff = hostKeys != null && !bool(file, "host_key_checking", hostKeys);
        if (keysOff) {
            warn.println("rigger: warning: " + file + ": host_key_checking = False is read as --accept-new-hostkeys: keys of new hosts are trusted"
                    + " and recorded, a changed key is still refused");
        }
        String inv = value(d, "inventory");
        List<String> inventory = inv == null ? List.of() : split(inv, ",").stream().map(s -> path(base, s).toString()).toList();
        String roles = value(d, "roles_path");
        List<Path> rolesPath = roles == null ? List.of() : split(roles, ":").stream().map(s -> path(base, s)).toList();
        String become = value(pe, "become");
        String askPass = value(pe, "become_ask_pass");
        String key = value(d, "private_key_file");
        String vault = value(d, "vault_password_file");
        String force = value(d, "force_handlers");
        String sshArgs = value(ini.get("ssh_connection"), "ssh_args");
        SshArgs ssh = SshArgs.NONE;
        try {
            if (sshArgs != null) ssh = SshArgs.parse(List.of(sshArgs));
        } catch (IllegalArgumentException e) {
            return fail(file, "[ssh_connection] ssh_args " + e.getMessage());
        }
        return new AnsibleConfig(file, inventory, rolesPath, integer(file, "forks", value(d, "forks")), value(d, "remote_user"),
                key == null ? null : path(base, key), integer(file, "timeout", value(d, "timeout")), vault == null ? null : path(base, vault),
                keysOff, become == null ? null : bool(file, "become", become), value(pe, "become_user"), value(pe, "become_method"),
                askPass != null && bool(file, "become_ask_pass", askPass), force != null && bool(file, "force_handlers", force), ssh);
    }

    /** A value with configparser's inline comment (" ;...") taken off, as Ansible's parser does; null when absent or empty. */
    private static String value(Profile.Section s, String key) {
        if (s == null || s.get(key) == null) return null;
        String v = s.get(key).replaceFirst("\\s;.*$", "").strip();
        return v.isEmpty() ? null : v;
    }

    private static List<String> split(String v, String sep) {
        return java.util.Arrays.stream(v.split(sep)).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /** As Ansible resolves a configured path: {@code ~} is home, a relative path is relative to the config file's folder. */
    private static Path path(Path base, String v) {
        Path p = v.equals("~") || v.startsWith("~/") ? Path.of(System.getProperty("user.home") + v.substring(1)) : Path.of(v);
        return p.isAbsolute() ? p.normalize() : base.resolve(p).normalize();
    }

    private static Integer integer(Path file, String key, String v) {
        if (v == null) return null;
        if (v.matches("\\d{1,6}")) return Integer.parseInt(v);
        return fail(file, key + " must be a whole number, got '" + v + "'");
    }

    /** Ansible's boolean words. */
    private static boolean bool(Path file, String key, String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (Set.of("true", "yes", "on", "1", "y", "t").contains(s)) return true;
        if (Set.of("false", "no", "off", "0", "n", "f").contains(s)) return false;
        return fail(file, key + " must be a boolean (True or False), got '" + v + "'");
    }

    private static <T> T fail(Path file, String why) {
        System.err.println("rigger: " + file + ": " + why);
        throw new ExitException(ExitCodes.BAD_OPTIONS);
    }
}
