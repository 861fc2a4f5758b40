package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.compile.PlayChecks;
import dev.rigger.engine.expr.ExpressionException;
import dev.rigger.engine.expr.Template;
import dev.rigger.engine.expr.UnknownValueException;
import dev.rigger.engine.report.Status;
import dev.rigger.engine.report.TaskResult;
import dev.rigger.engine.transport.TransportException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Before the run changes anything on any host: gathers the Ansible facts the run reads
 * ({@link FactGatherer}) and each play's {@code facts:} on its hosts (one round trip per host
 * and play) and checks its preflight rules. The operator's known failures
 * (swap on, a dirty /var/lib/etcd, a full disk) stop the run here, each with its message,
 * instead of halfway through a cluster.
 */
final class Preflight {
    private final CompiledRun run;
    private final RunState state;
    private final VarScope scopes;
    private final Sessions sessions;
    private final FactGatherer gatherer;

    private final Map<String, Prefetcher> prefetchers;

    /** @param prefetchers per host: gathering rides on its round trip that fetches the first tasks' probes ahead */
    Preflight(CompiledRun run, RunState state, VarScope scopes, Sessions sessions, Map<String, Prefetcher> prefetchers) {
        this.prefetchers = prefetchers;
        this.run = run;
        this.state = state;
        this.scopes = scopes;
        this.sessions = sessions;
        this.gatherer = new FactGatherer(run.gathering(), state, sessions);
    }

    /** Checks one host; returns its failed rules (or its unreachability) as task results. */
    List<TaskResult> check(String host) {
        List<TaskResult> failures = new ArrayList<>();
        long g0 = System.nanoTime();
        try {
            prefetchers.get(host).startWith(gatherer.firstProbes(host));
            gatherer.gather(host);
        } catch (TransportException e) {
            failures.add(result(host, "gather_facts", Status.UNREACHABLE, e.getMessage(), g0));
            leaveOut(host, Status.UNREACHABLE);
            return failures;
        } catch (RuntimeException e) {
            failures.add(result(host, "gather_facts", Status.FAILED, e.getMessage(), g0));
            leaveOut(host, Status.FAILED);
            return failures;
        }
        for (PlayChecks c : run.checks()) {
            if (!c.hosts().contains(host)) continue;
            long t0 = System.nanoTime();
            try {
                gather(host, c);
            } catch (TransportException e) {
                failures.add(result(host, "facts of '" + c.play() + "'", Status.UNREACHABLE, e.getMessage(), t0));
                leaveOut(host, Status.UNREACHABLE);
                return failures;
            } catch (ExpressionException | UnknownValueException e) {
                failures.add(result(host, "facts of '" + c.play() + "'", Status.FAILED, e.getMessage(), t0));
                continue;
            }
            Map<String, Object> scope = scopes.forPlay(host, c.playVars(), Map.of());
            for (PlayChecks.Rule r : c.rules()) {
                String problem = violation(r, scope);
                if (problem != null) failures.add(result(host, "preflight: " + r.name(), Status.FAILED, problem, t0));
            }
        }
        return failures;
    }

    /**
     * As Ansible leaves a host whose gathering failed out of the play (and the plays after it;
     * every play when the host cannot be reached): its walker marks those nodes failed or
     * unreachable without running them, so that no other host waits on them in vain.
     */
    private void leaveOut(String host, Status how) {
        java.util.Set<dev.rigger.engine.model.Play> plays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        dev.rigger.engine.model.Play first = null;
        for (dev.rigger.engine.compile.TaskNode n : run.graph().nodes(host)) {
            dev.rigger.engine.model.Play p = n.task().play();
            if (first == null && (how == Status.UNREACHABLE || p.gathering().on())) first = p;
            if (first != null) plays.add(p);
        }
        state.leaveOut(host, new RunState.LeftOut(how, plays, first));
    }

    private void gather(String host, PlayChecks c) {
        if (c.facts().isEmpty()) return;
        Map<String, Object> scope = scopes.forPlay(host, c.playVars(), Map.of());
        List<String> names = new ArrayList<>(c.facts().keySet());
        List<Probe> probes = new ArrayList<>();
        for (String n : names) probes.add(new Probe.Shell(String.valueOf(render(c.facts().get(n), scope))));
        List<ProbeResult> answers = sessions.get(host).probe(probes);
        for (int i = 0; i < names.size(); i++) state.facts(host).put(names.get(i), typed(answers.get(i).text().strip()));
    }

    /** A fact that is a whole number compares as one ({@code facts.free_mb >= 2048}). */
    private static Object typed(String text) {
        if (text.matches("-?\\d{1,18}")) return Long.parseLong(text);
        return text;
    }

    /** Null when the rule holds, else its message (or why it could not be decided). */
    private static String violation(PlayChecks.Rule r, Map<String, Object> scope) {
        try {
            if (r.assertion().test(scope)) return null;
            return String.valueOf(render(r.message(), scope));
        } catch (ExpressionException | UnknownValueException e) {
            return "rule could not be checked: " + e.getMessage();
        }
    }

    private static Object render(Template t, Map<String, Object> scope) {
        return t.render(scope);
    }

    private static TaskResult result(String host, String what, Status s, String message, long t0) {
        return new TaskResult(host, -1, what, "preflight", s, List.of(), message, "", (System.nanoTime() - t0) / 1_000_000);
    }
}
