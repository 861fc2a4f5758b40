package dev.rigger.engine.inventory;

import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Words;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ansible-playbook's {@code --ssh-common-args}/{@code --ssh-extra-args} (and scp's, sftp's) as
 * Rigger's own SSH client can honour them: {@code UserKnownHostsFile} is the known_hosts file,
 * {@code StrictHostKeyChecking=accept-new} is --accept-new-hostkeys; options about OpenSSH's own
 * connection handling (ControlMaster, ServerAliveInterval, Compression, ...) do not apply to it
 * and are noted as such; anything that would turn host-key checks off, change where or how it
 * connects (ProxyJump, ProxyCommand, IdentityFile, Port, User) or forward the agent is refused,
 * naming the option and what to do instead. Nothing is accepted and then silently ignored. The
 * command line's options and the inventory's {@code ansible_ssh_common_args}/{@code _extra_args}
 * are read alike.
 */
public record SshArgs(Path knownHosts, boolean acceptNew, List<String> notes) {
    public static final SshArgs NONE = new SshArgs(null, false, List.of());

    /** OpenSSH options that only tune OpenSSH's own connections, which Rigger's client does not use. */
    private static final Set<String> NOT_NEEDED = Set.of("controlmaster", "controlpersist", "controlpath", "serveraliveinterval",
            "serveralivecountmax", "compression", "batchmode", "preferredauthentications", "passwordauthentication",
            "kbdinteractiveauthentication", "identitiesonly", "loglevel", "tcpkeepalive", "connectionattempts",
            "gssapiauthentication", "hashknownhosts");

    /** @throws IllegalArgumentException saying which option Rigger cannot honour, and what to use instead */
    public static SshArgs parse(List<String> given) {
        Path knownHosts = null;
        boolean acceptNew = false;
        List<String> notes = new ArrayList<>();
        for (String arg : given) {
            List<String> words = words(arg);
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                String option;
                if (w.equals("-o")) {
                    if (i + 1 == words.size()) throw new IllegalArgumentException("-o without an option");
                    option = words.get(++i);
                } else if (w.startsWith("-o")) {
                    option = w.substring(2);
                } else if (w.equals("-C") || w.equals("-q")) {
                    notes.add(w + " (Rigger's SSH client has no such setting to change)");
                    continue;
                } else {
                    throw new IllegalArgumentException("'" + w + "': Rigger's SSH client takes OpenSSH's -o options only (and -C, -q);"
                            + " a jump host (-J) is not supported yet, a key is --private-key, a user -u, a port ansible_port");
                }
                int eq = option.indexOf('=');
                int sp = option.indexOf(' ');
                int cut = eq < 0 ? sp : sp < 0 ? eq : Math.min(eq, sp);
                if (cut <= 0) throw new IllegalArgumentException("-o " + option + ": no value (write -o Name=value)");
                String key = option.substring(0, cut).strip().toLowerCase(Locale.ROOT);
                String value = option.substring(cut + 1).strip();
                switch (key) {
                    case "userknownhostsfile" -> {
                        List<String> files = words(value);
                        if (files.isEmpty()) throw new IllegalArgumentException("-o " + option + ": no file named");
                        String first = files.get(0);
                        if (first.equals("/dev/null")) throw new IllegalArgumentException(hostKeys("-o UserKnownHostsFile=/dev/null"));
                        knownHosts = Path.of(first.startsWith("~/") ? System.getProperty("user.home") + first.substring(1) : first);
                    }
                    case "stricthostkeychecking" -> {
                        switch (value.toLowerCase(Locale.ROOT)) {
                            case "yes" -> { }
                            case "accept-new" -> acceptNew = true;
                            case "ask" -> throw new IllegalArgumentException("-o StrictHostKeyChecking=ask: Rigger asks nothing while it connects;"
                                    + " use --accept-new-hostkeys to trust and record keys of new hosts");
                            default -> throw new IllegalArgumentException(hostKeys("-o StrictHostKeyChecking=" + value));
                        }
                    }
                    case "forwardagent" -> throw new IllegalArgumentException("-o ForwardAgent: Rigger does not forward an SSH agent");
                    default -> {
                        if (!NOT_NEEDED.contains(key)) {
                            throw new IllegalArgumentException("-o " + option + ": not an option Rigger's SSH client can honour"
                                    + " (it reads UserKnownHostsFile and StrictHostKeyChecking=yes|accept-new; a jump host is not supported"
                                    + " yet, a key is --private-key or ansible_ssh_private_key_file, a port ansible_port, a user -u)");
                        }
                        notes.add("-o " + option + " (Rigger's SSH client keeps its own connections: see --ssh-persist)");
                    }
                }
            }
        }
        return new SshArgs(knownHosts, acceptNew, List.copyOf(notes));
    }

    /** Shell words; an unclosed quote is a refusal like any other. */
    private static List<String> words(String text) {
        try {
            return Words.split(text);
        } catch (ModuleException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
        }
    }

    private static String hostKeys(String what) {
        return what + ": host keys are always checked; use --accept-new-hostkeys to trust and record keys of new hosts"
                + " (changed keys are still refused), or --known-hosts FILE";
    }
}
