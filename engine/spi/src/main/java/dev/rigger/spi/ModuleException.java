package dev.rigger.spi;

/** A module's way to fail a task with a message for the operator. <b>Stable.</b> */
public class ModuleException extends RuntimeException {
    public ModuleException(String message) {
        super(message);
    }

    public ModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
