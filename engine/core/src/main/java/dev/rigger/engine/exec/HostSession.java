package dev.rigger.engine.exec;

import dev.rigger.engine.transport.Connection;
import dev.rigger.spi.Host;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Host access: one host as a module sees it ({@link Host}: probes, answered from what was
 * {@linkplain #fetchAhead fetched ahead} or asked in one round trip), under one {@link
 * Privilege}. {@link #with} gives the same host under another privilege, sharing the
 * connection ({@link HostShell}), the answers fetched ahead ({@link ProbesAhead}) and the
 * step execution ({@link StepRunner}).
 */
public final class HostSession implements Host, AutoCloseable {
    private final HostShell shell;
    private final ProbesAhead ahead;
    private final StepRunner steps;
    private final Map<String, Object> facts;
    private final Privilege privilege;

    public HostSession(String name, Connection connection, Map<String, Object> facts, boolean sudo, Duration timeout) {
        this(new HostShell(name, connection), new ProbesAhead(), Map.copyOf(facts), new Privilege(sudo, null, timeout));
    }

    /** As above; {@code reopen} logs in anew after a {@link dev.rigger.spi.Step.Reboot} (null: this session cannot). */
    public HostSession(String name, Connection connection, java.util.function.Supplier<Connection> reopen, Map<String, Object> facts,
                       boolean sudo, Duration timeout) {
        this(new HostShell(name, connection, reopen), new ProbesAhead(), Map.copyOf(facts), new Privilege(sudo, null, timeout));
    }

    private HostSession(HostShell shell, ProbesAhead ahead, Map<String, Object> facts, Privilege privilege) {
        this(shell, ahead, new StepRunner(shell, ahead), facts, privilege);
    }

    private HostSession(HostShell shell, ProbesAhead ahead, StepRunner steps, Map<String, Object> facts, Privilege privilege) {
        this.shell = shell;
        this.ahead = ahead;
        this.steps = steps;
        this.facts = facts;
        this.privilege = privilege;
    }

    /** The same host with another privilege or timeout (a task's {@code become}/{@code timeout}). */
    public HostSession with(boolean sudo, Duration timeout) {
        return with(new Privilege(sudo, null, timeout));
    }

    /** As above; {@code password} (or null: none) is given to sudo on stdin when {@code sudo}. */
    public HostSession with(boolean sudo, String password, Duration timeout) {
        return with(new Privilege(sudo, password, timeout));
    }

    HostSession with(Privilege p) {
        return p.equals(privilege) ? this : new HostSession(shell, ahead, steps, facts, p);
    }

    /** The same privilege (and become password) with another timeout. */
    public HostSession withTimeout(Duration timeout) {
        return with(privilege.withTimeout(timeout));
    }

    @Override
    public String name() {
        return shell.name();
    }

    @Override
    public Map<String, Object> facts() {
        return facts;
    }

    @Override
    public List<ProbeResult> probe(List<Probe> probes) {
        if (probes.isEmpty()) return List.of();
        List<ProbeResult> known = ahead.take(privilege.sudo(), probes);
        if (known != null) return known;
        List<Probe> riders = ahead.riders(privilege.sudo(), probes);
        if (riders.isEmpty()) return shell.probe(privilege, probes);
        // the next task's first probes ride along: after a change, its plan needs no round trip
        LinkedHashSet<Probe> all = new LinkedHashSet<>(probes);
        all.addAll(riders);
        List<Probe> distinct = List.copyOf(all);
        // the task's own probes in one lane, in order; the next task's in another, at the same time
        List<ProbeResult> answers = shell.probe(privilege, distinct, distinct.stream().map(p -> probes.contains(p) ? 0 : 1).toList());
        List<Probe> riding = HostShell.distinct(riders);
        ahead.put(privilege.sudo(), riding, riding.stream().map(p -> answers.get(distinct.indexOf(p))).toList(), riders);
        return probes.stream().map(p -> answers.get(distinct.indexOf(p))).toList();
    }

    /** Tells the host what the task after the current one will probe first: they ride on the next round trip. */
    public void expectNext(List<Probe> probes) {
        ahead.expectNext(privilege.sudo(), probes);
    }

    /**
     * Asks the host, in one round trip, what coming tasks will ask ({@code probes}, repeats
     * included); {@link #probe} then answers them without a round trip until a step runs.
     */
    public void fetchAhead(List<Probe> probes) {
        fetchAheadByTask(List.of(probes));
    }

    /**
     * As above, {@code probes} given per coming task: each task's commands run in order, those
     * of different tasks at the same time (a probe two tasks ask runs once, with the first).
     */
    public void fetchAheadByTask(List<List<Probe>> probes) {
        List<Probe> all = probes.stream().flatMap(List::stream).toList();
        if (all.isEmpty()) return;
        java.util.LinkedHashMap<Probe, Integer> laneOf = new java.util.LinkedHashMap<>();
        for (int task = 0; task < probes.size(); task++) {
            for (Probe p : probes.get(task)) laneOf.putIfAbsent(p, task);
        }
        List<Probe> distinct = List.copyOf(laneOf.keySet());
        ahead.put(privilege.sudo(), distinct, shell.probe(privilege, distinct, List.copyOf(laneOf.values())), all);
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
        return steps.run(privilege, step, then);
    }

    /** The command as this host runs it (see {@link Privilege#wrap}). */
    String wrap(String command) {
        return privilege.wrap(command, null);
    }

    String wrap(String command, String marker) {
        return privilege.wrap(command, marker);
    }

    @Override
    public void close() {
        shell.close();
    }
}
