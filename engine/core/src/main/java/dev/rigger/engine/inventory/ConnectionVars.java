package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connection fields of {@link InventoryHost} from a host's merged vars. Older aliases
 * ({@code ansible_ssh_host}, {@code ansible_ssh_port}, {@code ansible_ssh_user},
 * {@code ansible_private_key_file}) are honoured after the preferred names, as Ansible does.
 */
final class ConnectionVars {
    static final int DEFAULT_PORT = 22;
    static final String DEFAULT_USER = "root";
    static final String DEFAULT_CONNECTION = "ssh";
    private static final Set<String> SUPPORTED = Set.of("ssh", "local", "smart");
    /** Connection plugins that speak SSH to the same address, user, key and port: Rigger reaches them with its own SSH, saying so. */
    private static final Set<String> SSH_LIKE = Set.of("paramiko", "paramiko_ssh", "ansible.builtin.paramiko_ssh", "ansible.builtin.ssh");

    private ConnectionVars() {}

    /** Builds the host; a bad port or unsupported connection is reported at {@code at}, never thrown. */
    static InventoryHost toHost(String name, Map<String, Object> vars, Location at, Path baseDir, Diagnostics diags) {
        String address = first(vars, List.of("ansible_host", "ansible_ssh_host"), name);
        String user = first(vars, List.of("ansible_user", "ansible_ssh_user"), DEFAULT_USER);
        String key = first(vars, List.of("ansible_ssh_private_key_file", "ansible_private_key_file"), null);
        String connection = first(vars, List.of("ansible_connection"), DEFAULT_CONNECTION);
        if (SSH_LIKE.contains(connection)) {
            diags.warning(at, "host '" + name + "': ansible_connection '" + connection + "' is reached over SSH as ssh is, with "
                    + "OpenSSH's known_hosts and the same address, user, key and port; paramiko's own settings (ansible_paramiko_*) "
                    + "are not read: set ansible_connection=ssh to silence this");
            connection = DEFAULT_CONNECTION;
        } else if (!SUPPORTED.contains(connection)) {
            diags.warning(at, "host '" + name + "': ansible_connection '" + connection
                    + "' is not supported (only ssh and local)");
        }
        int port = port(name, vars, at, diags);
        sshArgs(name, vars, at, diags);
        return new InventoryHost(name, address, port, user, keyPath(key, baseDir), connection, vars);
    }

    /** The OpenSSH options a host's ansible_ssh_common_args/_extra_args give (none: empty). */
    static List<String> sshArgs(Map<String, Object> vars) {
        List<String> out = new java.util.ArrayList<>();
        for (String n : List.of("ansible_ssh_common_args", "ansible_ssh_extra_args")) {
            Object v = vars.get(n);
            if (v != null && !v.toString().isBlank()) out.add(v.toString());
        }
        return out;
    }

    /**
     * A host's OpenSSH options, checked as --ssh-common-args are ({@link SshArgs}): what turns
     * host-key checks off or connects elsewhere is an error here, at load, not ignored.
     */
    private static void sshArgs(String name, Map<String, Object> vars, Location at, Diagnostics diags) {
        List<String> args = sshArgs(vars);
        if (args.isEmpty()) return;
        String what = "host '" + name + "': ansible_ssh_common_args/ansible_ssh_extra_args ";
        if (args.stream().anyMatch(a -> a.contains("{{") || a.contains("{%"))) {
            diags.error(at, what + "hold a template, which Rigger does not render for its SSH client: write the options out");
            return;
        }
        try {
            if (SshArgs.parse(args).acceptNew()) {
                diags.error(at, what + "-o StrictHostKeyChecking=accept-new: Rigger's host-key policy is the run's: give --accept-new-hostkeys");
            }
        } catch (IllegalArgumentException e) {
            diags.error(at, what + e.getMessage());
        }
    }

    private static String first(Map<String, Object> vars, List<String> names, String fallback) {
        for (String n : names) {
            Object v = vars.get(n);
            if (v != null && !v.toString().isBlank()) return v.toString().strip();
        }
        return fallback;
    }

    private static int port(String host, Map<String, Object> vars, Location at, Diagnostics diags) {
        String raw = first(vars, List.of("ansible_port", "ansible_ssh_port"), null);
        if (raw == null) return DEFAULT_PORT;
        if (raw.matches("\\d{1,5}")) {
            int p = Integer.parseInt(raw);
            if (p >= 1 && p <= 65535) return p;
        }
        diags.error(at, "host '" + host + "': ansible_port must be a number from 1 to 65535, got '" + raw + "'");
        return DEFAULT_PORT;
    }

    /** {@code ~} is the user's home; a relative path is relative to the inventory file's folder. */
    static String keyPath(String key, Path baseDir) {
        if (key == null) return null;
        try {
            Path p = key.equals("~") || key.startsWith("~/")
                    ? Path.of(System.getProperty("user.home")).resolve(key.substring(Math.min(2, key.length())))
                    : Path.of(key);
            if (!p.isAbsolute() && baseDir != null) p = baseDir.toAbsolutePath().resolve(p);
            return p.normalize().toString();
        } catch (InvalidPathException e) {
            return key; // the transport reports the unusable path when it tries to read it
        }
    }
}
