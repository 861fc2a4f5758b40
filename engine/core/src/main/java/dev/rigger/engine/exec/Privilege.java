package dev.rigger.engine.exec;

import java.time.Duration;
import java.util.Map;

/**
 * How a command runs on a host: as root through sudo or not (with a become password or not),
 * with the task's environment, and killed on the host at a timeout. {@link #wrap} is the one
 * place a command gets them all.
 *
 * @param password    given to sudo on stdin (see {@link SudoPassword}); null without one, always null without sudo
 * @param environment the task's {@code environment}: exported in the shell that runs the command, inside sudo
 *                    (as Ansible sets it for the module's process, after becoming)
 * @param user        whom {@code become} becomes ({@code become_user}), root unless said
 * @param su          {@code become_method: su} rather than sudo
 */
record Privilege(boolean sudo, String password, Duration timeout, Map<String, String> environment, String user, boolean su) {
    /** What {@code timeout} exits with when it had to stop the command. */
    static final int TIMED_OUT = 124;

    Privilege {
        if (!sudo) password = null;
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        if (user == null || !sudo) user = ROOT;
        if (!sudo) su = false;
        // su reads a password from a terminal only, which Rigger never has: it runs without one (as root's su needs none)
        if (su) password = null;
    }

    static final String ROOT = "root";

    Privilege(boolean sudo, String password, Duration timeout) {
        this(sudo, password, timeout, Map.of(), ROOT, false);
    }

    Privilege withTimeout(Duration t) {
        return new Privilege(sudo, password, t, environment, user, su);
    }

    /** Whether commands run as a user other than root, or through su: such a task gets a session of its own on the host (see Sessions). */
    boolean otherUser() {
        return sudo && (!user.equals(ROOT) || su);
    }

    /** {@code export NAME='value' ...; } for the environment, or nothing without one. */
    String exports() {
        if (environment.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("export");
        environment.forEach((k, v) -> sb.append(' ').append(k).append('=').append(ShellQuote.quote(v)));
        return sb.append("; ").toString();
    }

    /**
     * Killed on the host at the timeout (TERM, then KILL 5 s later, so a hung command never
     * outlives its task), and {@code become} through sudo without a prompt, so a missing rule
     * fails instead of hanging; with a password, sudo reads it from stdin up to {@code marker}.
     */
    String wrap(String command, String marker) {
        command = exports() + command;
        String inner = !sudo ? command
                : su ? "su " + ShellQuote.quote(user) + " -c " + ShellQuote.quote(command)
                : marker != null ? SudoPassword.command(command, marker, user)
                : "sudo -n -H -u " + ShellQuote.quote(user) + " -- /bin/sh -c " + ShellQuote.quote(command);
        return "timeout -k 5 " + Math.max(1, timeout.toSeconds()) + " /bin/sh -c " + ShellQuote.quote(inner);
    }

    /** The host kills a command at the timeout itself; this side waits a little longer, to hear its exit code. */
    Duration clientDeadline() {
        return timeout.plusSeconds(15);
    }

    /** Never the password: a privilege may end up in a log or an error. */
    @Override
    public String toString() {
        return "Privilege[sudo=" + sudo + ", password=" + (password == null ? "none" : "********") + ", timeout=" + timeout
                + ", environment=" + environment.keySet() + ", user=" + user + (su ? " (su)" : "") + "]";
    }
}
