package dev.rigger.engine.expr;

/**
 * {@code lookup('pipe', ...)} runs a command on the controller, so it is off unless the operator
 * opts in for the run ({@code --allow-pipe-lookup}, or RIGGER_ALLOW_PIPE_LOOKUP=1).
 */
public final class PipeLookup {
    private static volatile boolean allowed = "1".equals(System.getenv("RIGGER_ALLOW_PIPE_LOOKUP"));

    private PipeLookup() {}

    public static boolean allowed() {
        return allowed;
    }

    /** Set once by the command line before anything is compiled. */
    public static void allow(boolean on) {
        allowed = on;
    }
}
