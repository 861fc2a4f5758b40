package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.compile.ExecutionGraph;
import dev.rigger.engine.compile.TaskNode;
import dev.rigger.engine.report.RunListener;
import dev.rigger.engine.report.Status;
import dev.rigger.engine.report.TaskResult;
import dev.rigger.engine.transport.TransportException;
import dev.rigger.spi.Diff;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Walks one host's nodes in order. Before a node it waits for the nodes it depends on across
 * hosts (giving its fork slot back while it waits, so a small {@code --forks} cannot deadlock);
 * after a failure its remaining nodes are skipped as "upstream failed".
 */
final class HostWalker implements Runnable {
    private final String host;
    private final CompiledRun run;
    private final RunState state;
    private final TaskRunner runner;
    private final VarScope scopes;
    private final Sessions sessions;
    private final Semaphore forks;
    private final RunListener listener;
    private final List<TaskResult> results;
    private final boolean check;
    private String blocked;
    private boolean unreachable;
    /** Check mode: the earlier tasks on this host whose changes were planned, not made. */
    private final java.util.List<String> pending = new java.util.ArrayList<>();
    private String refusal;
    private boolean fetchedAhead;
    /** What each task fetched ahead asked first, for {@link #expectNext}. */
    private final java.util.Map<TaskNode, List<dev.rigger.spi.Probe>> firstProbes = new java.util.HashMap<>();

    HostWalker(String host, CompiledRun run, RunState state, TaskRunner runner, VarScope scopes,
               Sessions sessions, Semaphore forks, RunListener listener, List<TaskResult> results, boolean check) {
        this.host = host;
        this.check = check;
        this.run = run;
        this.state = state;
        this.runner = runner;
        this.scopes = scopes;
        this.sessions = sessions;
        this.forks = forks;
        this.listener = listener;
        this.results = results;
    }

    /** The host is not to be touched (it drifted from a saved plan): its first task fails with why. */
    void refuse(String why) {
        refusal = why;
    }

    @Override
    public void run() {
        forks.acquireUninterruptibly();
        try {
            for (TaskNode n : run.graph().nodes(host)) {
                try {
                    step(n);
                } catch (RuntimeException e) {
                    // a bug of ours must not leave other hosts waiting on this node forever
                    String msg = "internal error: " + e;
                    record(new TaskResult(host, n.index(), n.task().name(), n.task().module().name(), Status.FAILED,
                            List.of(), msg, "", 0));
                    state.outcome(n).complete(RunState.Outcome.of(Status.FAILED));
                    blocked = n.label();
                }
            }
        } finally {
            sessions.close(host);
            forks.release();
        }
    }

    private void step(TaskNode n) {
        if (unreachable) {
            state.outcome(n).complete(RunState.Outcome.of(Status.UNREACHABLE));
            return;
        }
        if (refusal != null) {
            record(new TaskResult(host, n.index(), n.task().name(), n.task().module().name(), Status.FAILED,
                    List.of(), refusal, "", 0));
            state.outcome(n).complete(RunState.Outcome.of(Status.FAILED));
            blocked = n.label();
            refusal = null;
            return;
        }
        if (blocked == null) blocked = awaitUpstream(n);
        if (blocked != null) {
            record(new TaskResult(host, n.index(), n.task().name(), n.task().module().name(), Status.SKIPPED,
                    List.of(), "upstream failed: " + blocked, "", 0));
            state.outcome(n).complete(new RunState.Outcome(Status.SKIPPED, true));
            return;
        }
        if (n.handler() && notifiersChanged(n).isEmpty()) {
            state.outcome(n).complete(RunState.Outcome.of(Status.SKIPPED));
            return;
        }
        long t0 = System.nanoTime();
        listener.taskStarted(host, n.task().name());
        TaskOutcome o;
        try {
            if (!fetchedAhead) fetchAhead(n);
            expectNext(n);
            o = runner.run(n.task(), scopes.forTask(host, n.task()), session());
            o = knownAfterApply(n, o);
        } catch (TransportException e) {
            unreachable(n, e.getMessage());
            return;
        }
        if (n.task().task().register() != null) state.registered(host).put(n.task().task().register(), o.registered());
        Status status = o.status() == Status.FAILED && n.task().task().ignoreErrors() ? Status.IGNORED : o.status();
        String message = o.message();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (n.task().task().noLog()) {
            // no_log: the outcome counts, but nothing the task saw or changed is shown anywhere
            record(new TaskResult(host, n.index(), n.task().name(), n.task().module().name(), status,
                    o.changes().isEmpty() ? List.of() : List.of(Diff.update("(changes hidden: no_log)", null, null)),
                    message.isEmpty() ? "" : "(message hidden: no_log)", "", ms, o.fingerprint()));
        } else {
            record(new TaskResult(host, n.index(), n.task().name(), n.task().module().name(), status, o.changes(),
                    message, o.output(), ms, o.fingerprint()));
        }
        state.outcome(n).complete(RunState.Outcome.of(status));
        if (status == Status.FAILED) blocked = n.label();
    }

    /**
     * In check mode a task planned against a host whose earlier changes are still pending (a
     * service whose package is not installed yet) may fail only because those changes were
     * not made: it is unknown until apply, as Terraform's "known after apply", not failed.
     */
    private TaskOutcome knownAfterApply(TaskNode n, TaskOutcome o) {
        if (!check) return o;
        if (o.status() == Status.FAILED && !pending.isEmpty()) {
            String why = "known after apply (pending on this host: " + pendingNames() + "): " + o.message();
            return new TaskOutcome(Status.UNKNOWN, o.changes(), why, o.output(), new dev.rigger.engine.expr.Unknown(why));
        }
        if (o.status() == Status.CHANGED || o.status() == Status.UNKNOWN) pending.add("'" + n.task().name() + "'");
        return o;
    }

    /** The most recent pending tasks first: the likeliest cause of a plan that cannot be made yet. */
    private String pendingNames() {
        java.util.List<String> recent = new java.util.ArrayList<>(pending.subList(Math.max(0, pending.size() - 3), pending.size()));
        java.util.Collections.reverse(recent);
        return String.join(", ", recent) + (pending.size() > 3 ? " and " + (pending.size() - 3) + " more" : "");
    }

    /**
     * Asks the host at once what this and the following tasks will probe first, so that on a
     * converged host each task is answered without a round trip of its own. Stops at the first
     * task that waits for another host: what that host does may change the answers.
     */
    private void fetchAhead(TaskNode first) {
        fetchedAhead = true;
        // per privilege, one batch, as the first task of it sees the host, with the shortest timeout
        java.util.Map<Boolean, List<dev.rigger.spi.Probe>> probes = new java.util.LinkedHashMap<>();
        java.util.Map<Boolean, HostSession> as = new java.util.HashMap<>();
        java.util.Map<Boolean, java.time.Duration> timeouts = new java.util.HashMap<>();
        firstProbes.clear();
        List<TaskNode> nodes = run.graph().nodes(host);
        for (TaskNode n : nodes.subList(nodes.indexOf(first), nodes.size())) {
            if (n != first && !run.graph().waitsFor(n).isEmpty()) break;
            if (n.handler()) continue;
            boolean become = n.task().become();
            var scope = scopes.forTask(host, n.task());
            List<dev.rigger.spi.Probe> asked = runner.firstProbes(n.task(), scope, session());
            if (asked.isEmpty()) continue;
            firstProbes.put(n, asked);
            probes.computeIfAbsent(become, b -> new java.util.ArrayList<>()).addAll(asked);
            as.putIfAbsent(become, runner.as(n.task(), scope, session()));
            timeouts.merge(become, runner.timeout(n.task()), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        probes.forEach((become, batch) -> {
            try {
                as.get(become).withTimeout(timeouts.get(become)).fetchAhead(batch);
            } catch (TransportException e) {
                throw e;
            } catch (RuntimeException e) {
                // nothing is lost: each task then asks the host itself
            }
        });
    }

    /**
     * The next task's first probes ride on the current task's round trips: a change drops what
     * was fetched ahead, and the re-plan that proves it converged is a round trip anyway.
     */
    private void expectNext(TaskNode current) {
        List<TaskNode> nodes = run.graph().nodes(host);
        int i = nodes.indexOf(current) + 1;
        while (i < nodes.size() && nodes.get(i).handler()) i++;
        if (i >= nodes.size() || !run.graph().waitsFor(nodes.get(i)).isEmpty()) return;
        TaskNode next = nodes.get(i);
        List<dev.rigger.spi.Probe> probes = firstProbes.get(next);
        if (probes != null) session().with(next.task().become(), runner.timeout(next.task())).expectNext(probes);
    }

    /** Waits for every cross-host dependency; returns the label of a failed one, or null. */
    private String awaitUpstream(TaskNode n) {
        List<ExecutionGraph.Edge> deps = run.graph().waitsFor(n);
        if (deps.isEmpty()) return null;
        forks.release();
        try {
            for (ExecutionGraph.Edge e : deps) {
                RunState.Outcome o = state.outcome(e.from()).join();
                if (o.blocks()) return e.from().label();
            }
            return null;
        } finally {
            forks.acquireUninterruptibly();
        }
    }

    private List<TaskNode> notifiersChanged(TaskNode handler) {
        return run.graph().notifiers(handler).stream()
                .filter(x -> state.outcome(x).getNow(RunState.Outcome.of(Status.SKIPPED)).status() == Status.CHANGED)
                .toList();
    }

    private HostSession session() {
        return sessions.get(host);
    }

    private void unreachable(TaskNode n, String message) {
        record(new TaskResult(host, n.index(), n.task().name(), n.task().module().name(), Status.UNREACHABLE,
                List.of(), message, "", 0));
        state.outcome(n).complete(RunState.Outcome.of(Status.UNREACHABLE));
        unreachable = true;
    }

    private void record(TaskResult r) {
        results.add(r);
        listener.taskFinished(r);
    }
}
