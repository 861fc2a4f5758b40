package dev.rigger.engine.exec;

import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One session per host for the whole run, opened on first use (preflight or the host's first
 * task) and closed when the host's walk ends (or, at the latest, when the run ends): handshakes
 * are expensive, channels are not, and a finished host's session would only hold a socket, a
 * reader thread and an sshd on the host while the others go on.
 */
final class Sessions implements AutoCloseable {
    private final Function<String, Connection> connections;
    private final Supplier<Connection> local;
    private final int retries;
    /** Between a host's name and its delegate's key in {@link #open}: no host name holds it. */
    private static final String DELEGATED = "\0";
    private final Map<String, Opening> open = new ConcurrentHashMap<>();

    /**
     * A host's session, opened once. The handshake runs under this lock, never under the map's:
     * computeIfAbsent locks a bin of the map while it computes, and hosts that share a bin
     * would each wait for the others' handshakes.
     */
    private static final class Opening {
        private HostSession session;
        /** Why opening it ahead ({@link #warm}) failed: the first {@link #get} throws it, a later one tries again. */
        private RuntimeException failedAhead;
        /** Closed (the host's walk is over): a login still to come ahead is not made. */
        private boolean closed;

        synchronized HostSession get(Supplier<HostSession> opener) {
            if (session == null && failedAhead != null) {
                RuntimeException e = failedAhead;
                failedAhead = null;
                throw e;
            }
            if (session == null) session = opener.get();
            return session;
        }

        synchronized void openAhead(Supplier<HostSession> opener) {
            if (session != null || failedAhead != null || closed) return;
            try {
                session = opener.get();
            } catch (RuntimeException e) {
                failedAhead = e;
            }
        }

        synchronized void close() {
            closed = true;
            if (session != null) session.close();
        }
    }

    /** @param retries how many more times to try a connection that fails (0.5 s, 1 s, 2 s ... apart) */
    Sessions(Function<String, Connection> connections, int retries) {
        this(connections, () -> new dev.rigger.engine.transport.LocalConnection(), retries);
    }

    /** @param local opens a connection to the machine Rigger runs on ({@code connection: local}) */
    Sessions(Function<String, Connection> connections, Supplier<Connection> local, int retries) {
        this.connections = connections;
        this.local = local;
        this.retries = retries;
    }

    /** @throws TransportException when the host cannot be reached, after the retries */
    HostSession get(String host) {
        return open.computeIfAbsent(host, h -> new Opening()).get(() -> login(host));
    }

    /**
     * Starts opening {@code host}'s session on a thread of its own, so that the handshake overlaps
     * what the host's walk does before it first asks the host (rendering and planning its first
     * tasks); {@link #get} waits for it. A failure is kept for the first {@code get}, so a host
     * that turns out not to be needed is not reported unreachable.
     */
    void warm(String host) {
        Opening o = open.computeIfAbsent(host, h -> new Opening());
        Thread t = new Thread(() -> o.openAhead(() -> login(host)), "rigger-login");
        t.setDaemon(true);
        t.start();
    }

    private HostSession login(String host) {
        return new HostSession(host, connect(() -> connections.apply(host)), () -> connections.apply(host), Map.of(), false, Duration.ofMinutes(30));
    }

    /**
     * The session {@code host}'s tasks delegated to {@code d} run on: one per host and delegate,
     * so what a session keeps (answers fetched ahead, a checked become password) is never shared
     * between two hosts' walks, and closed with {@code host}'s own when its walk ends.
     *
     * @throws TransportException when the delegate cannot be reached, after the retries
     */
    HostSession delegate(String host, Delegate d) {
        return open.computeIfAbsent(host + DELEGATED + d.key(), h -> new Opening())
                .get(() -> {
                    Supplier<Connection> opener = d.local() ? local : () -> connections.apply(d.host());
                    return new HostSession(d.host(), connect(opener), opener, Map.of(), false, Duration.ofMinutes(30));
                });
    }

    /** Transient drops (a restarting sshd, a full backlog) get another chance; a refused host key does not. */
    private Connection connect(Supplier<Connection> opener) {
        long backoff = 500;
        for (int attempt = 0; ; attempt++) {
            try {
                return opener.get();
            } catch (TransportException e) {
                if (e.isRefusal() || attempt >= retries) throw e;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff *= 2;
            }
        }
    }

    /**
     * Closes {@code host}'s session, if open: its walk is over and nothing runs there any more, or
     * a {@code meta: reset_connection} wants the next task to log in anew (it opens a new one).
     */
    void close(String host) {
        Opening s = open.remove(host);
        if (s != null) s.close();
        for (String k : List.copyOf(open.keySet())) {
            if (k.startsWith(host + DELEGATED)) {
                Opening d = open.remove(k);
                if (d != null) d.close();
            }
        }
    }

    @Override
    public void close() {
        open.values().forEach(Opening::close);
    }
}
