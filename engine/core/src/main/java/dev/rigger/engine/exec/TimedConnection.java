package dev.rigger.engine.exec;

import dev.rigger.engine.report.RunListener;
import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.ExecResult;
import java.time.Duration;

/** A host's connection that tells the listeners when each round trip started and how long it took. */
final class TimedConnection implements Connection {
    private final Connection inner;
    private final String host;
    private final RunListener listener;

    TimedConnection(Connection inner, String host, RunListener listener) {
        this.inner = inner;
        this.host = host;
        this.listener = listener;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) {
        long t0 = System.nanoTime();
        try {
            return inner.exec(command, stdin, timeout);
        } finally {
            listener.roundTrip(host, t0, System.nanoTime() - t0);
        }
    }

    @Override
    public boolean local() {
        return inner.local();
    }

    @Override
    public void close() {
        inner.close();
    }
}
