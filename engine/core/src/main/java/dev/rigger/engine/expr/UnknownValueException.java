package dev.rigger.engine.expr;

/** An expression read a value that is {@link Unknown}; its result cannot be known yet. */
public final class UnknownValueException extends RuntimeException {
    private final String reason;

    public UnknownValueException(String reason) {
        super("value not known yet: " + reason);
        this.reason = reason;
    }

    public String reason() { return reason; }
}
