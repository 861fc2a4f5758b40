package dev.rigger.engine.exec;

import dev.rigger.engine.compile.ExecutionGraph;
import dev.rigger.engine.compile.TaskNode;
import dev.rigger.engine.report.RunListener;
import dev.rigger.engine.report.Status;
import dev.rigger.engine.report.TaskResult;
import dev.rigger.engine.transport.TransportException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Walks one host's nodes in order: waits for the nodes each depends on across hosts, skips
 * what follows a failure ("upstream failed"), a handler nobody notified and everything after
 * the host became unreachable, leaves out what its blocks do not run ({@link BlockFlow}:
 * the rest of a failed block, a rescue nothing failed before), ends unrun the nodes of a play
 * its host was left out of (its gathering failed: {@link RunState#leftOut}), and hands every
 * other node to {@link Work}.
 */
final class HostWalker implements Runnable {

    /** What the walker asks of the executor. */
    interface Work {
        /** The node's result; throws {@link TransportException} when the host cannot be reached. */
        TaskResult run(TaskNode n);

        /** The host waits for another host: it is not working now (it gives its fork slot back). */
        void idle();
    }

    private final String host;
    private final ExecutionGraph graph;
    private final RunState state;
    private final Work work;
    private final RunListener listener;
    private final Consumer<TaskResult> results;
    private String blocked;
    /** The play of the node before (a new play is where Ansible gathers facts). */
    private dev.rigger.engine.model.Play play;
    private boolean unreachable;
    /** The play a {@code meta: end_host} ended on this host, or null. */
    private dev.rigger.engine.model.Play ended;
    private BlockFlow blocks = new BlockFlow();
    /** The meta: clear_host_errors nodes of the current play this host passed failed or unreachable. */
    private final java.util.List<TaskNode> clearsPassed = new java.util.ArrayList<>();
    /** Whether a task of this host failed (not another host's it waited for): force_handlers then runs its handlers. */
    private boolean failedHere;
    /** --force-handlers: for plays that do not say force_handlers. */
    private final boolean forceHandlers;
    /** --step: the operator's answers, or null. */
    private final StepQuestions step;

    HostWalker(String host, ExecutionGraph graph, RunState state, Work work, RunListener listener, Consumer<TaskResult> results) {
        this(host, graph, state, work, listener, results, false, null);
    }

    HostWalker(String host, ExecutionGraph graph, RunState state, Work work, RunListener listener, Consumer<TaskResult> results,
               boolean forceHandlers, StepQuestions step) {
        this.forceHandlers = forceHandlers;
        this.step = step;
        this.host = host;
        this.graph = graph;
        this.state = state;
        this.work = work;
        this.listener = listener;
        this.results = results;
    }

    @Override
    public void run() {
        for (TaskNode n : graph.nodes(host)) {
            try {
                step(n);
            } catch (RuntimeException e) {
                // a bug of ours must not leave other hosts waiting on this node forever
                fail(n, Status.FAILED, "internal error: " + e);
            }
        }
        if (!clearsPassed.isEmpty()) rejoin();
    }

    private void step(TaskNode n) {
        if (!clearsPassed.isEmpty() && clearsPassed.get(0).task().play() != n.task().play()) rejoin();
        TaskNode before = graph.runOnceBefore(n);
        if (before != null) {
            // whether a host before this one in the batch ran it is known once its node ended
            work.idle();
            state.outcome(before).join();
        }
        RunState.LeftOut out = state.leftOut(host, n.task().play());
        if (out != null) {
            // its gathering failed: as Ansible, the host is not in this play; its recap holds the gathering's result alone
            state.outcome(n).complete(RunState.Outcome.of(out.status()));
            return;
        }
        if (unreachable) {
            passed(n);
            state.outcome(n).complete(RunState.Outcome.of(Status.UNREACHABLE));
            return;
        }
        if ((ended != null && ended == n.task().play()) || state.ended(n.task().play(), graph.batchOf(n))) {
            // meta: end_host (this host), end_play or end_batch (some host): the rest of the play (its handlers too) is not this host's, as in Ansible
            state.outcome(n).complete(RunState.Outcome.of(Status.SKIPPED));
            return;
        }
        if (blocked == null && n.task().play() != play) blocked = gatheringVerdict(n);
        play = n.task().play();
        if (blocked == null) blocked = awaitUpstream(n);
        if (blocked == null) blocked = passGate(n);
        if (state.ended(n.task().play(), graph.batchOf(n))) {
            // known only now: another host's end_play or end_batch, which this node waited for (its END_PLAY edges, its batch gate)
            state.outcome(n).complete(RunState.Outcome.of(Status.SKIPPED));
            return;
        }
        boolean inFlow = blocks.enter(n.task().task().blocks());
        if (blocked == null) blocked = blocks.hostFailed();
        if (blocked != null && !forced(n)) {
            passed(n);
            record(result(n, Status.SKIPPED, "upstream failed: " + blocked));
            state.outcome(n).complete(new RunState.Outcome(Status.SKIPPED, true));
            return;
        }
        if (!inFlow || (n.handler() && !notified(n))) {
            state.outcome(n).complete(RunState.Outcome.of(Status.SKIPPED));
            return;
        }
        if (step != null && !asked(n)) return;
        if (n.task().task().runsOnce() && takeRunOnce(n)) return;
        TaskResult r;
        try {
            r = work.run(n);
        } catch (TransportException e) {
            if (n.task().task().ignoresUnreachable()) {
                // as Ansible: counted ignored, and the host goes on with its next task
                record(result(n, Status.IGNORED, "unreachable (ignored): " + e.getMessage()));
                state.outcome(n).complete(RunState.Outcome.of(Status.IGNORED));
                return;
            }
            fail(n, Status.UNREACHABLE, e.getMessage());
            state.errorsCleared(host, false);
            unreachable = true;
            return;
        }
        record(r);
        if ("end_host".equals(n.task().task().metaAction()) && r.status() == Status.OK) ended = n.task().play();
        if ("end_play".equals(n.task().task().metaAction()) && r.status() == Status.OK) state.end(n.task().play(), null);
        if ("end_batch".equals(n.task().task().metaAction()) && r.status() == Status.OK) state.end(n.task().play(), graph.batchOf(n));
        if (n.task().task().runsOnce()) {
            String reg = n.task().task().register();
            state.ranOnce(graph.runOnceFirst(n), new RunState.Once(r.status(), reg == null ? null : state.registered(host).get(reg), n.label()));
        }
        state.outcome(n).complete(RunState.Outcome.of(r.status()));
        if (r.status() == Status.FAILED || r.status() == Status.RESCUED) failed(n);
    }

    /**
     * A run_once task another host of the batch ran: its result is this host's, registered
     * too, and its failure fails this host as well, as in Ansible; nothing is reported here.
     *
     * @return false when no host ran it yet: this host runs it
     */
    private boolean takeRunOnce(TaskNode n) {
        RunState.Once once = state.ranOnce(graph.runOnceFirst(n));
        if (once == null) return false;
        String reg = n.task().task().register();
        if (reg != null && once.registered() != null) state.register(host, reg, once.registered());
        state.outcome(n).complete(RunState.Outcome.of(once.status()));
        if (once.status() == Status.FAILED || once.status() == Status.RESCUED) failed(n);
        return true;
    }

    /**
     * A handler this host was notified of before one of its own tasks failed, in a play that
     * forces handlers: it runs where it would have (Ansible wraps each section in a block whose
     * always flushes the handlers); what follows it is still skipped.
     */
    private boolean forced(TaskNode n) {
        if (!failedHere || !n.handler() || !notified(n)) return false;
        Boolean play = n.task().play().rolling().forceHandlers();
        return play != null ? play : forceHandlers;
    }

    /** --step: false when the operator said not to run the task: left out, without a result, as in Ansible. */
    private boolean asked(TaskNode n) {
        work.idle();
        if (step.willAsk(n)) everyHostBefore(n);
        if (step.perform(n)) return true;
        state.outcome(n).complete(RunState.Outcome.of(Status.SKIPPED));
        return false;
    }

    /**
     * Waits until every host of the node's task is through the node before it: as under Ansible's
     * linear strategy, the question about a task comes after every host's lines of the task before
     * (a host still running it printed its result into the question). Outside the question's lock:
     * another host's node before may itself wait for its own question.
     */
    private void everyHostBefore(TaskNode n) {
        for (TaskNode x : graph.allNodes()) {
            if (x == n || x.task() != n.task()) continue;
            List<TaskNode> lane = graph.nodes(x.host());
            int i = lane.indexOf(x);
            if (i > 0) state.outcome(lane.get(i - 1)).join();
        }
    }

    /** A clear_host_errors node passed by this failed or unreachable host: whether it ran is asked at the next play. */
    private void passed(TaskNode n) {
        if ("clear_host_errors".equals(n.task().task().metaAction())) clearsPassed.add(n);
    }

    /**
     * At a play's end, a host that failed or became unreachable before a clear_host_errors some
     * other host ran (its when true on the first host of the batch) takes part in the next plays
     * again and its errors no longer count for the exit code, as in Ansible 2.14: its own play's
     * later tasks stay skipped (Ansible's iterator keeps the failed host's play complete).
     */
    private void rejoin() {
        java.util.List<TaskNode> passed = java.util.List.copyOf(clearsPassed);
        clearsPassed.clear();
        work.idle();
        for (TaskNode c : passed) {
            for (TaskNode x : graph.allNodes()) {
                if (x.task() != c.task() || x.host().equals(host)) continue;
                if (state.outcome(x).join().status() == Status.OK) {
                    blocked = null;
                    unreachable = false;
                    failedHere = false;
                    blocks = new BlockFlow();
                    state.errorsCleared(host, true);
                    return;
                }
            }
        }
    }

    /** A failure outside blocks fails the host; inside, the blocks decide (rescue, always). */
    private void failed(TaskNode n) {
        failedHere = true;
        state.errorsCleared(host, false);
        if (n.task().task().blocks().isEmpty()) {
            blocked = n.label();
        } else {
            blocks.failed(n.task().task().blocks(), n.label());
        }
    }

    /** Waits for every cross-host dependency; returns the label of a failed one, or null. */
    private String awaitUpstream(TaskNode n) {
        List<ExecutionGraph.Edge> deps = graph.waitsFor(n);
        if (deps.isEmpty()) return null;
        work.idle();
        for (ExecutionGraph.Edge e : deps) {
            RunState.Outcome o = state.outcome(e.from()).join();
            // a delegation only orders: the delegate failing before does not stop this host
            if (o.blocks() && e.kind() != ExecutionGraph.EdgeKind.DELEGATE && e.kind() != ExecutionGraph.EdgeKind.END_PLAY) return e.from().label();
        }
        return null;
    }

    /**
     * Waits at the node's gate (a serial batch's end, a lockstep task) and judges it by the play's
     * failure rules; returns why the play stopped, or null to go on.
     */
    private String passGate(TaskNode n) {
        ExecutionGraph.Gate g = graph.gate(n);
        if (g == null) return null;
        work.idle();
        int failed = 0;
        int unreachable = 0;
        for (TaskNode x : g.after()) {
            RunState.Outcome o = state.outcome(x).join();
            if (o.blocks()) failed++;
            if (o.status() == Status.UNREACHABLE) unreachable++;
        }
        return state.judge(g, failed, unreachable);
    }

    /**
     * At a play's first node, where Ansible gathers facts: a play with failure rules judges the
     * hosts of this host's batch whose gathering failed there (every host gathered before any
     * walk started, see {@link Executor}), so {@code any_errors_fatal} stops the play before its
     * first task, as in Ansible; returns why, or null.
     */
    private String gatheringVerdict(TaskNode n) {
        dev.rigger.engine.model.Play p = n.task().play();
        if (!p.rolling().lockstep()) return null;
        List<String> batch = graph.batchOf(n);
        java.util.Set<String> hosts = new java.util.LinkedHashSet<>();
        java.util.List<List<String>> batches = new java.util.ArrayList<>();
        for (TaskNode x : graph.allNodes()) {
            if (x.task().play() != p) continue;
            if (batch == null || batch.contains(x.host())) hosts.add(x.host());
            if (graph.batchOf(x) != null && !batches.contains(graph.batchOf(x))) batches.add(graph.batchOf(x));
        }
        int failed = 0;
        int unreachable = 0;
        for (String h : hosts) {
            RunState.LeftOut o = state.leftOut(h, p);
            if (o == null || o.first() != p) continue;
            failed++;
            if (o.status() == Status.UNREACHABLE) unreachable++;
        }
        if (failed == 0) return null;
        ExecutionGraph.Gate g = new ExecutionGraph.Gate(-1, batch == null ? 1 : batches.indexOf(batch) + 1, List.of(), hosts.size(), false,
                p.rolling().maxFailPercentage(), p.rolling().anyErrorsFatal());
        return state.judge(g, failed, unreachable);
    }

    private boolean notified(TaskNode handler) {
        return graph.notifiers(handler).stream()
                .anyMatch(x -> state.outcome(x).getNow(RunState.Outcome.of(Status.SKIPPED)).status() == Status.CHANGED);
    }

    private void fail(TaskNode n, Status status, String message) {
        record(result(n, status, message));
        state.outcome(n).complete(RunState.Outcome.of(status));
        if (status == Status.FAILED) failed(n);
    }

    private TaskResult result(TaskNode n, Status status, String message) {
        return new TaskResult(host, n.index(), n.task().name(), n.task().module().name(), status, List.of(), message, "", 0);
    }

    private void record(TaskResult r) {
        results.accept(r);
        listener.taskFinished(r);
    }
}
