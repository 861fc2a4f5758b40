package dev.rigger.engine.exec;

import dev.rigger.engine.inventory.InventoryHost;
import dev.rigger.engine.transport.Endpoint;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inventory host as the transport needs it. Its known_hosts file comes from the inventory
 * ({@code rigger_known_hosts}, or {@code UserKnownHostsFile} in {@code ansible_ssh_common_args},
 * so one inventory serves Ansible and Rigger alike); the command line's beats both.
 */
public final class Endpoints {
    private static final Pattern KNOWN_HOSTS = Pattern.compile("UserKnownHostsFile=(\\S+)");

    private Endpoints() { }

    public static Endpoint of(InventoryHost h) {
        Path key = h.privateKeyFile() == null ? null : Path.of(h.privateKeyFile());
        return new Endpoint(h.name(), "local".equals(h.connection()), h.address(), h.port(), h.user(), key, knownHosts(h));
    }

    private static Path knownHosts(InventoryHost h) {
        Object own = h.vars().get("rigger_known_hosts");
        if (own != null) return Path.of(own.toString());
        Object args = h.vars().get("ansible_ssh_common_args");
        if (args != null) {
            Matcher m = KNOWN_HOSTS.matcher(args.toString());
            if (m.find()) return Path.of(m.group(1).replace("'", "").replace("\"", ""));
        }
        return null;
    }
}
