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
    private final String password;
    private final Duration timeout;
    private final ProbesAhead ahead;
    private final SudoPassword sudoPassword;
    private final boolean acting;

    public HostSession(String name, Connection connection, Map<String, Object> facts, boolean sudo, Duration timeout) {
        this(name, connection, facts, sudo, null, timeout, new SudoPassword(), new ProbesAhead(), false);
    }

    private HostSession(String name, Connection connection, Map<String, Object> facts, boolean sudo, String password,
                        Duration timeout, SudoPassword sudoPassword, ProbesAhead ahead, boolean acting) {
        this.name = name;
        this.connection = connection;
        this.facts = Map.copyOf(facts);
        this.sudo = sudo;
        this.password = password;
        this.timeout = timeout;
        this.sudoPassword = sudoPassword;
        this.ahead = ahead;
        this.acting = acting;
    }

    /** The same connection with another privilege or timeout (a task's {@code become}/{@code timeout}). */
    public HostSession with(boolean sudo, Duration timeout) {
        return with(sudo, null, timeout);
    }

    /** As above; {@code password} (or null: none) is given to sudo on stdin when {@code sudo}. */
    public HostSession with(boolean sudo, String password, Duration timeout) {
        String pw = sudo ? password : null;
        return sudo == this.sudo && java.util.Objects.equals(pw, this.password) && timeout.equals(this.timeout) ? this
                : new HostSession(name, connection, facts, sudo, pw, timeout, sudoPassword, ahead, acting);
    }

    /** The same session for a plan that apply carries out at once (see {@link Host#previewing()}). */
    public HostSession acting() {
        return acting ? this : new HostSession(name, connection, facts, sudo, password, timeout, sudoPassword, ahead, true);
    }

    @Override
    public boolean previewing() {
        return !acting;
    }

    /** The same privilege (and become password) with another timeout. */
    public HostSession withTimeout(Duration timeout) {
        return with(sudo, password, timeout);
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
        String refused = becomeRefused();
        if (refused != null) throw new dev.rigger.spi.ModuleException(refused);
        List<ProbeResult> answers = ask(ProbeScript.of(probes));
        if (answers.contains(null)) answers = askAgain(probes, answers);
        if (LOG.isDebugEnabled()) LOG.debug("{}: {} probe(s) in one round trip, {} ms", name, probes.size(), (System.nanoTime() - t0) / 1_000_000);
        return answers;
    }

    private List<ProbeResult> ask(ProbeScript script) {
        ExecResult r = command(script.text(), null);
        if (r.exitCode() == TIMED_OUT) throw new IllegalStateException("probes timed out after " + timeout.toSeconds() + "s on " + name);
        return script.parse(r.stdout(), r.stderr());
    }

    /** Files that changed while they were read together (null answers): those reads again, each a cat of its own. */
    private List<ProbeResult> askAgain(List<Probe> probes, List<ProbeResult> answers) {
        List<Probe> again = java.util.stream.IntStream.range(0, probes.size()).filter(i -> answers.get(i) == null)
                .mapToObj(probes::get).distinct().toList();
        List<ProbeResult> read = ask(ProbeScript.withoutBatchedReads(again));
        List<ProbeResult> all = new java.util.ArrayList<>(answers);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == null) all.set(i, read.get(again.indexOf(probes.get(i))));
        }
        return all;
    }

    /** Runs one step of a change; the caller decides what a non-zero exit means. */
    public StepResult run(Step step) {
        return run(step, List.of());
    }

    /**
     * As above, and when the step succeeds the same round trip answers {@code then} (what the
     * plan proving convergence asks first) and the next task's first probes: a changed task
     * costs one round trip, not two.
     */
    public StepResult run(Step step, List<Probe> then) {
        ahead.clear(); // the step may change anything fetched ahead
        // step text may hold secrets: only its kind is logged here; the reporter shows masked diffs
        LOG.info("{}: running {}", name, step.getClass().getSimpleName());
        String refused = becomeRefused();
        if (refused != null) return new StepResult(step, 1, "", refused);
        String script = step instanceof Step.Run run ? ShellQuote.join(run.argv())
                : step instanceof Step.Shell sh ? sh.script() : AtomicWrite.script((Step.WriteFile) step);
        byte[] stdin = step instanceof Step.Run run ? run.stdin() : step instanceof Step.WriteFile w ? w.content() : null;
        if (then.isEmpty()) return stepResult(step, command(script, stdin));
        List<Probe> wanted = new java.util.ArrayList<>(then);
        wanted.addAll(ahead.riders(sudo, then));
        List<Probe> distinct = List.copyOf(new java.util.LinkedHashSet<>(wanted));
        ProbeScript both = ProbeScript.afterStep(script, distinct);
        ExecResult r = command(both.text(), stdin);
        ProbeScript.AfterStep answered = r.exitCode() == TIMED_OUT ? null : both.parseAfterStep(r.stdout(), r.stderr());
        if (answered == null) return stepResult(step, r);
        // without every answer (the step failed, or the output was cut short) the plan that follows asks the host itself
        if (answered.answers() != null && !answered.answers().contains(null)) ahead.put(sudo, distinct, answered.answers(), wanted);
        ProbeResult s = answered.step();
        return new StepResult(step, s.exitCode(), s.text(), s.error());
    }

    private StepResult stepResult(Step step, ExecResult r) {
        if (r.exitCode() == TIMED_OUT) {
            return new StepResult(step, r.exitCode(), r.out(), "timed out after " + timeout.toSeconds() + "s and was killed\n" + r.err());
        }
        return new StepResult(step, r.exitCode(), r.out(), r.err());
    }

    /**
     * Every command (a shell script: the wrapper's own shell runs it, no second one) goes through
     * here: wrapped, and with a become password that password first on stdin.
     */
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
