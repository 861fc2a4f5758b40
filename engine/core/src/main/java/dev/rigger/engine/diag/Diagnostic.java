package dev.rigger.engine.diag;

/**
 * A problem found in the user's input, as a value: printed as
 * {@code file:line:col: error: message}. Stages collect these instead of throwing.
 */
public record Diagnostic(Severity severity, String message, Location location) {

    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(Location at, String message) {
        return new Diagnostic(Severity.ERROR, message, at);
    }

    public static Diagnostic warning(Location at, String message) {
        return new Diagnostic(Severity.WARNING, message, at);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return location + ": " + severity.name().toLowerCase() + ": " + message;
    }
}
