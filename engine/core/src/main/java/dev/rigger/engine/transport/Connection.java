package dev.rigger.engine.transport;

import java.time.Duration;

/**
 * One open connection to a host, reused by every task of the run. Commands are shell command
 * lines (already quoted by the caller); implementations must be safe for one caller at a time.
 */
public interface Connection extends AutoCloseable {

    /**
     * Runs {@code command} with {@code stdin} (may be null) and waits at most {@code timeout}.
     *
     * @throws TransportException when the host cannot be reached or the command timed out
     */
    ExecResult exec(String command, byte[] stdin, Duration timeout);

    @Override
    void close();

    /**
     * Whether this runs commands on the machine Rigger runs on (a reboot there would reboot the controller).
     *
     * @return true for the local connection
     */
    default boolean local() {
        return false;
    }
}
