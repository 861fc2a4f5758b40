package dev.rigger.engine.exec;

import java.time.Duration;

/**
 * How a command runs on a host: as root through sudo or not (with a become password or not),
 * and killed on the host at a timeout. {@link #wrap} is the one place a command gets both.
 *
 * @param password given to sudo on stdin (see {@link SudoPassword}); null without one, always null without sudo
 */
record Privilege(boolean sudo, String password, Duration timeout) {
    /** What {@code timeout} exits with when it had to stop the command. */
    static final int TIMED_OUT = 124;

    Privilege {
        if (!sudo) password = null;
    }

    Privilege withTimeout(Duration t) {
        return new Privilege(sudo, password, t);
    }

    /**
     * Killed on the host at the timeout (TERM, then KILL 5 s later, so a hung command never
     * outlives its task), and {@code become} through sudo without a prompt, so a missing rule
     * fails instead of hanging; with a password, sudo reads it from stdin up to {@code marker}.
     */
    String wrap(String command, String marker) {
        String inner = !sudo ? command
                : marker != null ? SudoPassword.command(command, marker)
                : "sudo -n -H -u root -- /bin/sh -c " + ShellQuote.quote(command);
        return "timeout -k 5 " + Math.max(1, timeout.toSeconds()) + " /bin/sh -c " + ShellQuote.quote(inner);
    }

    /** The host kills a command at the timeout itself; this side waits a little longer, to hear its exit code. */
    Duration clientDeadline() {
        return timeout.plusSeconds(15);
    }

    /** Never the password: a privilege may end up in a log or an error. */
    @Override
    public String toString() {
        return "Privilege[sudo=" + sudo + ", password=" + (password == null ? "none" : "********") + ", timeout=" + timeout + "]";
    }
}
