package dev.rigger.engine.transport;

import dev.rigger.engine.inventory.InventoryHost;
import dev.rigger.engine.transport.keep.KeptSessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the right connection for an inventory host: local for {@code ansible_connection=local},
 * SSH otherwise. The known_hosts file comes from the command line, else from the inventory
 * ({@code rigger_known_hosts}, or {@code UserKnownHostsFile} in {@code ansible_ssh_common_args},
 * so one inventory serves Ansible and Rigger alike), else {@code ~/.ssh/known_hosts}. With a
 * persist time, SSH sessions are kept between runs by the session keeper ({@link KeptSessions}).
 */
public final class Connector {
    private static final Pattern KNOWN_HOSTS = Pattern.compile("UserKnownHostsFile=(\\S+)");

    private final Path knownHosts;
    private final boolean acceptNew;
    private final Duration connectTimeout;
    private final SshConnection.Clients clients = new SshConnection.Clients();
    private final KeptSessions kept;

    public Connector(Path knownHosts, boolean acceptNew, Duration connectTimeout) {
        this(knownHosts, acceptNew, connectTimeout, Duration.ZERO);
    }

    /** @param persist how long the session keeper keeps each host's session after the run (zero: no keeping) */
    public Connector(Path knownHosts, boolean acceptNew, Duration connectTimeout, Duration persist) {
        this.knownHosts = knownHosts;
        this.acceptNew = acceptNew;
        this.connectTimeout = connectTimeout;
        this.kept = persist.isZero() || persist.isNegative() ? null : new KeptSessions(persist, clients);
    }

    public Connection open(InventoryHost h) {
        if ("local".equals(h.connection())) return new LocalConnection();
        Path key = h.privateKeyFile() == null ? null : Path.of(h.privateKeyFile());
        Target t = new Target(h.name(), h.address(), h.port(), h.user(), key, knownHosts(h), acceptNew, connectTimeout);
        return kept != null ? kept.open(t) : SshConnection.open(t, clients);
    }

    private Path knownHosts(InventoryHost h) {
        if (knownHosts != null) return knownHosts;
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
