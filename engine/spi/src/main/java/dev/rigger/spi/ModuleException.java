package dev.rigger.spi;

/**
 * A module's way to fail a task with a message for the operator. <b>Stable.</b>
 *
 * <p>Throw it from {@link Module#plan} when the parameters cannot be satisfied on a host: the
 * task fails on that host, in check mode too, showing just the message. Write it for the
 * person running the playbook: what is wrong and, where possible, what to change.
 */
public class ModuleException extends RuntimeException {
    /**
     * Fails the task with {@code message}.
     *
     * @param message what went wrong, for the operator
     */
    public ModuleException(String message) {
        super(message);
    }

    /**
     * Fails the task with {@code message}, keeping the underlying cause for debugging.
     *
     * @param message what went wrong, for the operator
     * @param cause   the exception that led to it
     */
    public ModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
