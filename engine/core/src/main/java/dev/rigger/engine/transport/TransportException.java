package dev.rigger.engine.transport;

/**
 * The host could not be reached or stopped answering: the engine reports the host as
 * unreachable. {@code timeout} marks a command that ran past its limit (the host is fine).
 */
public final class TransportException extends RuntimeException {
    private final boolean timeout;

    public TransportException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public TransportException(String message, Throwable cause, boolean timeout) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** A refusal that trying again cannot cure (a host key that does not match). */
    public static TransportException refused(String message, Throwable cause) {
        TransportException e = new TransportException(message, cause);
        e.refusal = true;
        return e;
    }

    /**
     * The command was never started (the session was already gone when its channel was asked
     * for): whoever holds sessions across runs may open a new one and run it there once.
     */
    public static TransportException notStarted(String message, Throwable cause) {
        TransportException e = new TransportException(message, cause);
        e.notStarted = true;
        return e;
    }

    private boolean refusal;
    private boolean notStarted;

    public boolean isRefusal() {
        return refusal;
    }

    public boolean isNotStarted() {
        return notStarted;
    }

    public boolean isTimeout() {
        return timeout;
    }
}
