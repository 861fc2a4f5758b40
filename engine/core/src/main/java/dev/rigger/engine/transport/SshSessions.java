package dev.rigger.engine.transport;

/**
 * Where SSH connections come from: opened directly ({@link #direct}), or through the session
 * keeper (transport.keep's {@code KeptSessions}, which builds on this package, never the reverse).
 */
@FunctionalInterface
public interface SshSessions {
    Connection open(Target t);

    /** A new session per connection, through {@code clients}. */
    static SshSessions direct(SshConnection.Clients clients) {
        return t -> SshConnection.open(t, clients);
    }
}
