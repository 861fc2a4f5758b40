package dev.rigger.engine.exec;

import dev.rigger.engine.transport.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One session per host for the whole run, opened on first use (preflight or the host's first
 * task) and closed when the run ends: handshakes are expensive, channels are not.
 */
final class Sessions implements AutoCloseable {
    private final Function<String, Connection> connections;
    private final Map<String, HostSession> open = new ConcurrentHashMap<>();

    Sessions(Function<String, Connection> connections) {
        this.connections = connections;
    }

    /** @throws dev.rigger.engine.transport.TransportException when the host cannot be reached */
    HostSession get(String host) {
        return open.computeIfAbsent(host, h -> new HostSession(h, connections.apply(h), Map.of(), false, Duration.ofMinutes(30)));
    }

    @Override
    public void close() {
        open.values().forEach(HostSession::close);
    }
}
