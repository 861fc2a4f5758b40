package dev.rigger.engine.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a command of {@code ansible_connection=local} gets: what a login of the user
 * running Rigger would have, built from the account, never copied from Rigger's own environment
 * (which may hold {@code RIGGER_VAULT_PASSWORD}, cloud tokens, an {@code SSH_AUTH_SOCK}...):
 * <ul>
 * <li>{@code USER}, {@code LOGNAME}: the account's name; {@code HOME}, {@code SHELL}: its
 *     passwd entry (else the JVM's home and {@code /bin/sh});</li>
 * <li>{@code PATH}: Debian's login defaults ({@code ENV_SUPATH} for root, {@code ENV_PATH}
 *     otherwise), so a command resolves the same programs as over SSH;</li>
 * <li>{@code LANG}, {@code LC_ALL}: {@code C.UTF-8}, so output parsed by modules does not
 *     change with the controller's locale.</li>
 * </ul>
 * The shell adds {@code PWD}; the working folder stays Rigger's, as with Ansible's local
 * connection. Tasks have no {@code environment:} keyword yet; when they do, its values go on top.
 */
final class LoginEnvironment {
    static final String ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final String USER_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games";
    static final String LOCALE = "C.UTF-8";

    /** Every name the environment has; nothing else is passed. */
    static final List<String> NAMES = List.of("HOME", "LANG", "LC_ALL", "LOGNAME", "PATH", "SHELL", "USER");

    private LoginEnvironment() { }

    /** For the account running this JVM. */
    static Map<String, String> ofThisUser() {
        String user = System.getProperty("user.name");
        String[] entry = passwdEntry(Path.of("/etc/passwd"), user);
        String home = entry != null && !entry[5].isEmpty() ? entry[5] : System.getProperty("user.home");
        String shell = entry != null && entry.length > 6 && !entry[6].isEmpty() ? entry[6] : "/bin/sh";
        boolean root = entry != null ? "0".equals(entry[2]) : "root".equals(user);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home);
        env.put("LANG", LOCALE);
        env.put("LC_ALL", LOCALE);
        env.put("LOGNAME", user);
        env.put("PATH", root ? ROOT_PATH : USER_PATH);
        env.put("SHELL", shell);
        env.put("USER", user);
        return Map.copyOf(env);
    }

    /** The fields of {@code user}'s line in a passwd file, or null (no such line, or unreadable). */
    static String[] passwdEntry(Path passwd, String user) {
        try {
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 7 && f[0].equals(user)) return f;
            }
        } catch (IOException | RuntimeException e) {
            // accounts from LDAP and the like: the JVM's own figures serve
        }
        return null;
    }
}
