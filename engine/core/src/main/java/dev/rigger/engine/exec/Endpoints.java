package dev.rigger.engine.exec;

import dev.rigger.engine.inventory.InventoryHost;
import dev.rigger.engine.transport.Endpoint;
import java.nio.file.Path;

/**
 * An inventory host as the transport needs it. Its known_hosts file comes from the inventory
 * ({@code rigger_known_hosts}, or {@code UserKnownHostsFile} in {@code ansible_ssh_common_args}
 * or {@code _extra_args}, read as {@link dev.rigger.engine.inventory.SshArgs} reads them and checked at load, so one
 * inventory serves Ansible and Rigger alike); the command line's beats both.
 */
public final class Endpoints {
    private Endpoints() { }

    public static Endpoint of(InventoryHost h) {
        Path key = h.privateKeyFile() == null ? null : Path.of(h.privateKeyFile());
        return new Endpoint(h.name(), "local".equals(h.connection()), h.address(), h.port(), h.user(), key, knownHosts(h));
    }

    private static Path knownHosts(InventoryHost h) {
        Object own = h.vars().get("rigger_known_hosts");
        if (own != null) return Path.of(own.toString());
        return h.sshArgs().knownHosts();
    }
}
