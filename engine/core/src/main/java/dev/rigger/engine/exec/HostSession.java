package dev.rigger.engine.exec;

import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.ExecResult;
import dev.rigger.spi.Host;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One host's side of a run: the module-facing {@link Host} (read-only probes, batched into one
 * round trip) and the engine-facing step runner. Every command goes through {@link #wrap}, the
 * single place where privilege escalation is applied.
 */
public final class HostSession implements Host, AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HostSession.class);
    private final String name;
    private final Connection connection;
    private final Map<String, Object> facts;
    private final boolean sudo;
    private final String password;
    private final Duration timeout;
    private final SudoPassword sudoPassword;

    public HostSession(String name, Connection connection, Map<String, Object> facts, boolean sudo, Duration timeout) {
        this(name, connection, facts, sudo, null, timeout, new SudoPassword());
    }

    private HostSession(String name, Connection connection, Map<String, Object> facts, boolean sudo, String password,
                        Duration timeout, SudoPassword sudoPassword) {
        this.name = name;
        this.connection = connection;
        this.facts = Map.copyOf(facts);
        this.sudo = sudo;
        this.password = password;
        this.timeout = timeout;
        this.sudoPassword = sudoPassword;
    }

    /** The same connection with another privilege or timeout (a task's {@code become}/{@code timeout}). */
    public HostSession with(boolean sudo, Duration timeout) {
        return with(sudo, null, timeout);
    }

    /** As above; {@code password} (or null: none) is given to sudo on stdin when {@code sudo}. */
    public HostSession with(boolean sudo, String password, Duration timeout) {
        String pw = sudo ? password : null;
        return sudo == this.sudo && java.util.Objects.equals(pw, this.password) && timeout.equals(this.timeout) ? this
                : new HostSession(name, connection, facts, sudo, pw, timeout, sudoPassword);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> facts() {
        return facts;
    }

    @Override
    public List<ProbeResult> probe(List<Probe> probes) {
        if (probes.isEmpty()) return List.of();
        long t0 = System.nanoTime();
        String refused = becomeRefused();
        if (refused != null) throw new dev.rigger.spi.ModuleException(refused);
        ExecResult r = exec(ProbeScript.build(probes), null);
        if (LOG.isDebugEnabled()) LOG.debug("{}: {} probe(s) in one round trip, {} ms", name, probes.size(), (System.nanoTime() - t0) / 1_000_000);
        if (r.exitCode() == 97) throw new IllegalStateException("cannot create a temporary folder on " + name + ": " + r.err());
        return ProbeScript.parse(probes, r.stdout());
    }

    /** Runs one step of a change; the caller decides what a non-zero exit means. */
    public StepResult run(Step step) {
        // step text may hold secrets: only its kind is logged here; the reporter shows masked diffs
        LOG.info("{}: running {}", name, step.getClass().getSimpleName());
        String refused = becomeRefused();
        if (refused != null) return new StepResult(step, 1, "", refused);
        ExecResult r;
        if (step instanceof Step.Run run) {
            r = command(ShellQuote.join(run.argv()), run.stdin());
        } else if (step instanceof Step.Shell sh) {
            r = exec(sh.script(), null);
        } else {
            Step.WriteFile w = (Step.WriteFile) step;
            r = exec(AtomicWrite.script(w), w.content());
        }
        if (r.exitCode() == TIMED_OUT) {
            return new StepResult(step, r.exitCode(), r.out(), "timed out after " + timeout.toSeconds() + "s and was killed\n" + r.err());
        }
        return new StepResult(step, r.exitCode(), r.out(), r.err());
    }

    private ExecResult exec(String script, byte[] stdin) {
        return command("/bin/sh -c " + ShellQuote.quote(script), stdin);
    }

    /** Every command goes through here: wrapped, and with a become password that password first on stdin. */
    private ExecResult command(String command, byte[] stdin) {
        if (!sudo || password == null) return connection.exec(wrap(command), stdin, clientDeadline());
        String marker = SudoPassword.marker();
        return connection.exec(wrap(command, marker), SudoPassword.stdin(password, marker, stdin), clientDeadline());
    }

    /** With a become password: null once sudo accepted it on this host, else why not (checked once). */
    private String becomeRefused() {
        return sudo && password != null ? sudoPassword.refusal(name, connection, password, timeout) : null;
    }

    /**
     * The host kills a command at the timeout itself ({@code timeout -k}); this side waits a
     * little longer so it hears the exit code instead of cutting the channel.
     */
    private Duration clientDeadline() {
        return timeout.plusSeconds(15);
    }

    @Override
    public void close() {
        connection.close();
    }

    /** What {@code timeout} exits with when it had to stop the command. */
    static final int TIMED_OUT = 124;

    /**
     * Every command goes through here: killed on the host at the task's timeout (TERM, then
     * KILL 5 s later, so a hung command never outlives its task), and {@code become} through sudo
     * without a prompt, so a missing rule fails instead of hanging.
     */
    String wrap(String command) {
        return wrap(command, null);
    }

    /** As above; with a become password, sudo reads it from stdin, up to {@code marker} (see {@link SudoPassword}). */
    String wrap(String command, String marker) {
        String inner = !sudo ? command
                : marker != null ? SudoPassword.command(command, marker)
                : "sudo -n -H -u root -- /bin/sh -c " + ShellQuote.quote(command);
        return "timeout -k 5 " + Math.max(1, timeout.toSeconds()) + " /bin/sh -c " + ShellQuote.quote(inner);
    }
}
