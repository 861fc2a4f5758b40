package dev.rigger.engine.exec;

import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.ExecResult;
import dev.rigger.engine.transport.LocalConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** This machine as a host, counting round trips: what batching and fetching ahead save. */
final class CountingConnection implements Connection {
    private final LocalConnection local = new LocalConnection();
    private final AtomicInteger trips;

    CountingConnection(AtomicInteger trips) {
        this.trips = trips;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) {
        trips.incrementAndGet();
        return local.exec(command, stdin, timeout);
    }

    @Override
    public void close() { }
}
