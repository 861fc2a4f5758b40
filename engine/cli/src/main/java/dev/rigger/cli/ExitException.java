package dev.rigger.cli;

/** Ends a command with an exit code after its message has been printed. */
final class ExitException extends RuntimeException {
    private final int code;

    ExitException(int code) {
        super(null, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }
}
