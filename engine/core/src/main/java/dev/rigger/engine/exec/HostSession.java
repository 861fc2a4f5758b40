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
 * round trip, or answered from what was {@linkplain #fetchAhead fetched ahead}) and the
 * engine-facing step runner. Every command goes through {@link #wrap}, the single place where
 * privilege escalation is applied.
 */
public final class HostSession implements Host, AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HostSession.class);
    private final String name;
    private final Connection connection;
    private final Map<String, Object> facts;
    private final boolean sudo;
    private final Duration timeout;
    private final ProbesAhead ahead;

    public HostSession(String name, Connection connection, Map<String, Object> facts, boolean sudo, Duration timeout) {
        this(name, connection, facts, sudo, timeout, new ProbesAhead());
    }

    private HostSession(String name, Connection connection, Map<String, Object> facts, boolean sudo, Duration timeout,
                        ProbesAhead ahead) {
        this.name = name;
        this.connection = connection;
        this.facts = Map.copyOf(facts);
        this.sudo = sudo;
        this.timeout = timeout;
        this.ahead = ahead;
    }

    /** The same connection with another privilege or timeout (a task's {@code become}/{@code timeout}). */
    public HostSession with(boolean sudo, Duration timeout) {
        return sudo == this.sudo && timeout.equals(this.timeout) ? this
                : new HostSession(name, connection, facts, sudo, timeout, ahead);
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
        List<ProbeResult> known = ahead.take(sudo, probes);
        if (known != null) return known;
        List<Probe> riders = ahead.riders(sudo, probes);
        if (riders.isEmpty()) return fetch(probes);
        // the next task's first probes ride along: after a change, its plan needs no round trip
        java.util.LinkedHashSet<Probe> all = new java.util.LinkedHashSet<>(probes);
        all.addAll(riders);
        List<Probe> distinct = List.copyOf(all);
        List<ProbeResult> answers = fetch(distinct);
        List<Probe> riding = List.copyOf(new java.util.LinkedHashSet<>(riders));
        ahead.put(sudo, riding, riding.stream().map(p -> answers.get(distinct.indexOf(p))).toList(), riders);
        return probes.stream().map(p -> answers.get(distinct.indexOf(p))).toList();
    }

    /** Tells the session what the task after the current one will probe first (see {@link #probe}). */
    public void expectNext(List<Probe> probes) {
        ahead.expectNext(sudo, probes);
    }

    /**
     * Asks the host, in one round trip, what coming tasks will ask ({@code probes}, repeats
     * included); {@link #probe} then answers them without a round trip until a step runs.
     */
    public void fetchAhead(List<Probe> probes) {
        if (probes.isEmpty()) return;
        List<Probe> distinct = List.copyOf(new java.util.LinkedHashSet<>(probes));
        ahead.put(sudo, distinct, fetch(distinct), probes);
    }

    private List<ProbeResult> fetch(List<Probe> probes) {
        long t0 = System.nanoTime();
        ProbeScript script = ProbeScript.of(probes);
        ExecResult r = exec(script.text(), null);
        if (LOG.isDebugEnabled()) LOG.debug("{}: {} probe(s) in one round trip, {} ms", name, probes.size(), (System.nanoTime() - t0) / 1_000_000);
        if (r.exitCode() == TIMED_OUT) throw new IllegalStateException("probes timed out after " + timeout.toSeconds() + "s on " + name);
        return script.parse(r.stdout(), r.stderr());
    }

    /** Runs one step of a change; the caller decides what a non-zero exit means. */
    public StepResult run(Step step) {
        ahead.clear(); // the step may change anything fetched ahead
        // step text may hold secrets: only its kind is logged here; the reporter shows masked diffs
        LOG.info("{}: running {}", name, step.getClass().getSimpleName());
        ExecResult r;
        if (step instanceof Step.Run run) {
            r = connection.exec(wrap(ShellQuote.join(run.argv())), run.stdin(), clientDeadline());
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
        return connection.exec(wrap("/bin/sh -c " + ShellQuote.quote(script)), stdin, clientDeadline());
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
        String inner = sudo ? "sudo -n -H -u root -- /bin/sh -c " + ShellQuote.quote(command) : command;
        return "timeout -k 5 " + Math.max(1, timeout.toSeconds()) + " /bin/sh -c " + ShellQuote.quote(inner);
    }
}
