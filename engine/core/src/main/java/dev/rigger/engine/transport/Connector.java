package dev.rigger.engine.transport;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens the right connection for an endpoint: local, or SSH. The known_hosts file comes from the
 * command line, else from the endpoint, else {@code ~/.ssh/known_hosts}. SSH sessions come from
 * the given {@link SshSessions}: direct, or kept between runs by the session keeper.
 */
public final class Connector {
    private final Path knownHosts;
    private final boolean acceptNew;
    private final Duration connectTimeout;
    private final SshSessions sessions;

    public Connector(Path knownHosts, boolean acceptNew, Duration connectTimeout) {
        this(knownHosts, acceptNew, connectTimeout, SshSessions.direct(new SshConnection.Clients()));
    }

    public Connector(Path knownHosts, boolean acceptNew, Duration connectTimeout, SshSessions sessions) {
        this.knownHosts = knownHosts;
        this.acceptNew = acceptNew;
        this.connectTimeout = connectTimeout;
        this.sessions = sessions;
    }

    public Connection open(Endpoint e) {
        if (e.local()) return new LocalConnection();
        Target t = new Target(e.name(), e.address(), e.port(), e.user(), e.privateKey(),
                knownHosts != null ? knownHosts : e.knownHosts(), acceptNew, connectTimeout);
        return sessions.open(t);
    }
}
