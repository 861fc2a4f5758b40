package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.compile.ExecutionGraph;
import dev.rigger.engine.compile.TaskNode;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.RunListener;
import dev.rigger.engine.report.RunResult;
import dev.rigger.engine.report.RunShape;
import dev.rigger.engine.report.TaskResult;
import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.TransportException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Runs a compiled graph: one walker per host, truly in parallel, at most {@code forks} hosts
 * working at once. Per host it wires the walker (order, waits, skips) to the node runner (one
 * node to one result), the prefetcher (probes batched across tasks) and the host's fork slot,
 * which it takes around each node; the walker knows neither the cap nor the prefetching.
 */
public final class Executor {
    private final Function<String, Connection> connections;
    private final Masker masker;

    /**
     * @param connections opens the connection to a host by inventory name
     * @param masker      learns secret values as tasks render them; shared with every printer
     */
    public Executor(Function<String, Connection> connections, Masker masker) {
        this.connections = connections;
        this.masker = masker;
    }

    public RunResult run(CompiledRun run, RunOptions opts, RunListener listener) {
        long t0 = System.nanoTime();
        RunState state = new RunState();
        masker.add(opts.becomePassword());
        byte[] key = opts.fingerprintKey() != null ? opts.fingerprintKey() : dev.rigger.engine.plan.Fingerprint.newKey();
        TaskRunner runner = new TaskRunner(opts.check(), masker, run.secretVars(), key, opts.verbosity());
        VarScope scopes = new VarScope(run, state, opts.check());
        runner.learnKnownSecrets(run, scopes);
        listener.runStarted(shape(run.graph()), opts.check());
        Semaphore forks = new Semaphore(Math.max(1, opts.forks()));
        List<TaskResult> results = Collections.synchronizedList(new ArrayList<>());
        List<String> hosts = run.graph().hosts();
        SavedPlanCheck savedPlan = opts.savedPlan() == null ? null : new SavedPlanCheck(opts.savedPlan(), masker);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, hosts.size()), r -> {
            Thread t = new Thread(r, "rigger-host");
            t.setDaemon(true);
            return t;
        });
        Function<String, Connection> timed = h -> new TimedConnection(connections.apply(h), h, listener);
        java.util.function.Supplier<Connection> local = () -> new TimedConnection(new dev.rigger.engine.transport.LocalConnection(), "localhost", listener);
        try (Sessions sessions = new Sessions(timed, local, opts.retries())) {
            Map<String, Preparations> preparations = new LinkedHashMap<>();
            Map<String, Prefetcher> prefetchers = new LinkedHashMap<>();
            for (String h : hosts) {
                preparations.put(h, new Preparations(h, scopes, state, opts.taskTimeout(), opts.becomePassword()));
                prefetchers.put(h, new Prefetcher(h, run.graph(), preparations.get(h), sessions));
            }
            // each host's login overlaps its first tasks' preparation, unless its first task runs
            // elsewhere; only when every host has a fork at once: forks bound the logins too
            for (String h : hosts.size() <= opts.forks() ? hosts : List.<String>of()) {
                List<TaskNode> own = run.graph().nodes(h);
                if (!own.isEmpty() && own.get(0).task().task().delegation() == null) sessions.warm(h);
            }
            Preflight preflight = new Preflight(run, state, scopes, sessions, prefetchers);
            boolean together = together(run);
            if (!together || preflight(run, preflight, state, pool, listener, results)) {
                List<Future<?>> walks = new ArrayList<>();
                Throttles throttles = new Throttles();
                for (String h : hosts) {
                    Preparations prepared = preparations.get(h);
                    Prefetcher prefetcher = prefetchers.get(h);
                    NodeRunner nodes = new NodeRunner(h, runner, prepared, sessions, state, listener, opts.check(), savedPlan);
                    ForkSlot slot = new ForkSlot(forks);
                    HostWalker w = new HostWalker(h, run.graph(), state, new HostWalker.Work() {
                        @Override
                        public TaskResult run(TaskNode n) {
                            slot.take();
                            prefetcher.before(n);
                            return throttles.around(n.task(), () -> nodes.run(n));
                        }

                        @Override
                        public void idle() {
                            slot.giveBack();
                        }
                    }, listener, results::add, opts.forceHandlers(), opts.step());
                    walks.add(pool.submit(() -> {
                        try {
                            // a host whose gathering failed walks too: its nodes end failed or unreachable, unrun (RunState.leftOut)
                            if (!together && !run.gathering().isEmpty()) record(preflight.check(h), state, listener, results);
                            w.run();
                        } finally {
                            sessions.close(h);
                            slot.giveBack();
                        }
                    }));
                }
                for (Future<?> f : walks) joined(f);
            }
        } finally {
            pool.shutdownNow();
        }
        RunResult result = new RunResult(opts.check(), results, hosts, (System.nanoTime() - t0) / 1_000_000, state.errorsCleared());
        listener.runFinished(result);
        return result;
    }

    /**
     * Facts (with each host's first probes) and preflight rules on every host, in parallel. A broken rule stops the whole run
     * before any change; a host whose gathering failed, or that could not be reached, is left out and the others go on.
     */
    private static boolean preflight(CompiledRun run, Preflight p, RunState state, ExecutorService pool, RunListener listener,
                                     List<TaskResult> results) {
        if (run.checks().isEmpty() && run.gathering().isEmpty()) return true;
        List<Future<List<TaskResult>>> checks = new ArrayList<>();
        for (String h : run.graph().hosts()) checks.add(pool.submit(() -> p.check(h)));
        boolean ok = true;
        for (Future<List<TaskResult>> f : checks) ok &= record(joined(f), state, listener, results);
        return ok;
    }

    /** Reports a host's preflight results; false when a rule failed (a failed gathering leaves its host out, see {@link RunState#leftOut}). */
    private static boolean record(List<TaskResult> preflight, RunState state, RunListener listener, List<TaskResult> results) {
        boolean ok = true;
        for (TaskResult r : preflight) {
            results.add(r);
            listener.taskFinished(r);
            ok &= r.status() != dev.rigger.engine.report.Status.FAILED || state.leftOut(r.host()) != null;
        }
        return ok;
    }

    /**
     * Whether every host must be through its preflight before any host's first task: when a play
     * has preflight rules (a broken rule stops the whole run before any change), when a task may
     * read another host's facts, when a host's task waits for another host's, or when a play has
     * failure rules ({@code any_errors_fatal}, {@code max_fail_percentage}: they count a failed
     * gathering). Else each host gathers its facts and goes on; the slowest host's facts no longer
     * hold back the others' tasks. Either way a host whose gathering fails is left out, as in Ansible.
     */
    private static boolean together(CompiledRun run) {
        if (!run.checks().isEmpty() || run.othersFactsRead()) return true;
        // a play's failure rules judge a failed gathering before its first task on any host
        if (run.graph().allNodes().stream().anyMatch(n -> n.task().play().rolling().lockstep())) return true;
        return run.graph().edges().stream().anyMatch(e -> !e.from().host().equals(e.to().host()));
    }

    private static <T> T joined(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** What printers learn of the graph: task counts per host and the edges between hosts. */
    static RunShape shape(ExecutionGraph graph) {
        Map<String, Integer> tasks = new LinkedHashMap<>();
        for (String h : graph.hosts()) tasks.put(h, graph.nodes(h).size());
        List<RunShape.CrossEdge> cross = new ArrayList<>();
        for (ExecutionGraph.Edge e : graph.edges()) {
            if (!e.from().host().equals(e.to().host())) {
                cross.add(new RunShape.CrossEdge(e.from().host(), e.from().task().name(), e.to().host(), e.to().task().name(),
                        e.kind().name().toLowerCase()));
            }
        }
        return new RunShape(tasks, cross);
    }
}
