package dev.rigger.engine.expr;

import dev.rigger.engine.diag.Location;

/** An expression failed at run time; the message says what went wrong in the user's terms. */
public final class ExpressionException extends RuntimeException {
    private final transient Location location;

    public ExpressionException(Location location, String message) {
        super(message);
        this.location = location;
    }

    public Location location() { return location; }

    @Override
    public String toString() { return location + ": " + getMessage(); }
}
