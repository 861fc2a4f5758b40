package dev.rigger.testkit;

/**
 * What one {@code rigger play} of the module under test printed.
 *
 * @param command  the command line, for messages
 * @param exitCode its exit code (0: every task ok)
 * @param out      what it printed (tasks, diffs, recap)
 * @param err      its warnings and errors
 * @param changed  the host's {@code changed=} count in the recap (in check mode: what would
 *                 change), -1 when the run printed no recap
 */
public record PlayRun(String command, int exitCode, String out, String err, int changed) {

    /** The whole run, for an assertion's message. */
    public String transcript() {
        return "$ " + command + "\n(exit " + exitCode + ")\n" + out + err;
    }
}
