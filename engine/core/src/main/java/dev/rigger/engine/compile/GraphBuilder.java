package dev.rigger.engine.compile;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.spi.check.Suggest;
import dev.rigger.engine.expr.ExpressionCompiler;
import dev.rigger.engine.expr.HostvarsRef;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.model.BlockFrame;
import dev.rigger.engine.model.Play;
import dev.rigger.engine.model.Rolling;
import dev.rigger.engine.model.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays out nodes per host in written order, flushes handlers after each section that
 * notified them, then adds the edges that cross that order: reads of another host's
 * registered results, and {@code needs}. A play with {@code serial} batches (or failure rules
 * across hosts) gets gates: each batch starts after the one before ended, the next play after
 * the last batch; see {@link ExecutionGraph.Gate}.
 */
final class GraphBuilder {
    private final Inventory inv;
    private final CompileOptions opts;
    private final ExecutionGraph graph = new ExecutionGraph();
    private final Map<String, Integer> nextIndex = new HashMap<>();
    private int plays;
    /** The end of the last play with batches or failure rules: every host's next node waits for it. */
    private ExecutionGraph.Gate barrier;
    private final Set<String> barred = new java.util.HashSet<>();

    private boolean started;

    GraphBuilder(Inventory inv, CompileOptions opts) {
        this.inv = inv;
        this.opts = opts;
        this.started = opts.startAtTask() == null;
    }

    List<String> hostsFor(Play play, Diagnostics diags) {
        List<String> hosts = inv.select(play.hosts(), play.location(), diags);
        if (opts.limit() == null) return hosts;
        Set<String> limit = new LinkedHashSet<>(inv.select(opts.limit(), play.location(), new Diagnostics()));
        return hosts.stream().filter(limit::contains).toList();
    }

    /** {@code --start-at-task}: whether its task has been met (always, without the option). */
    boolean started() {
        return started;
    }

    void addPlay(Play play, List<String> hosts, TaskCompiler.PlayTasks tasks, Diagnostics diags) {
        Set<CompiledTask> before = new java.util.HashSet<>();
        for (List<CompiledTask> section : tasks.sections()) {
            for (CompiledTask t : section) {
                if (!started && isStart(t.task())) started = true;
                if (!started) before.add(t);
            }
        }
        int playNo = ++plays;
        Rolling rolling = play.rolling();
        hosts = rolling.ordered(hosts);
        List<List<String>> batches = rolling.gated() ? SerialBatches.of(rolling.serial(), hosts) : List.of(hosts);
        List<TaskNode> previousEnds = List.of();
        for (int b = 0; b < batches.size(); b++) {
            List<String> batch = batches.get(b);
            Map<String, List<TaskNode>> taskNodes = new LinkedHashMap<>();
            List<TaskNode> ends = new ArrayList<>();
            for (String host : batch) {
                List<TaskNode> all = new ArrayList<>();
                for (List<CompiledTask> section : tasks.sections()) {
                    // meta: flush_handlers ends a part of the section: the handlers its tasks notified run there
                    List<List<CompiledTask>> parts = new ArrayList<>(List.of(new ArrayList<>()));
                    for (CompiledTask t : section) {
                        if ("flush_handlers".equals(t.task().metaAction())) parts.add(new ArrayList<>());
                        else parts.get(parts.size() - 1).add(t);
                    }
                    for (List<CompiledTask> part : parts) {
                        List<TaskNode> added = new ArrayList<>();
                        for (CompiledTask t : part) {
                            if (!before.contains(t) && selected(t.task())) added.add(node(host, t, false));
                        }
                        taskNodes.computeIfAbsent(host, h -> new ArrayList<>()).addAll(added);
                        all.addAll(added);
                        all.addAll(flushHandlers(host, added, tasks.handlers()));
                    }
                }
                if (all.isEmpty()) continue;
                blockEdges(all);
                if (!rolling.serial().isEmpty()) all.forEach(n -> graph.batch(n, batch));
                TaskNode first = all.get(0);
                if (b > 0 && !previousEnds.isEmpty()) {
                    graph.gate(first, gate(playNo, b, previousEnds, batches.get(b - 1).size(), true, rolling), ExecutionGraph.EdgeKind.BATCH);
                } else if (barrier != null && barred.add(host)) {
                    graph.gate(first, barrier, ExecutionGraph.EdgeKind.BATCH);
                }
                barred.add(host);
                ends.add(all.get(all.size() - 1));
            }
            runOnce(taskNodes);
            delegations(taskNodes);
            endPlays(taskNodes);
            if (rolling.lockstep()) lockstep(playNo, b + 1, batch.size(), taskNodes, rolling);
            previousEnds = ends;
        }
        if (rolling.gated() && !previousEnds.isEmpty()) {
            barrier = gate(playNo, batches.size(), previousEnds, batches.get(batches.size() - 1).size(), true, rolling);
            barred.clear();
        }
    }

    /**
     * {@code meta: end_play}/{@code end_batch} of the batch: each host's node waits for every host's
     * node before it, and each host's node after it waits for every host's (see
     * {@link ExecutionGraph.EdgeKind#END_PLAY}), as Ansible's hosts meet at each task: every host
     * has run the tasks before it when the first host ends the play (without the first wait a
     * host still on the task before was ended before it ran it), and whether some host ended the
     * play is settled before any host goes past it.
     */
    private void endPlays(Map<String, List<TaskNode>> taskNodes) {
        Map<CompiledTask, List<TaskNode>> stops = new java.util.IdentityHashMap<>();
        for (List<TaskNode> nodes : taskNodes.values()) {
            for (TaskNode n : nodes) {
                String a = n.task().task().metaAction();
                if ("end_play".equals(a) || "end_batch".equals(a)) stops.computeIfAbsent(n.task(), k -> new ArrayList<>()).add(n);
            }
        }
        stops.forEach((t, nodes) -> {
            for (TaskNode at : nodes) {
                List<TaskNode> lane = graph.nodes(at.host());
                int i = lane.indexOf(at);
                if (i > 0) {
                    for (TaskNode other : nodes) if (other != at) graph.addEdge(lane.get(i - 1), other, ExecutionGraph.EdgeKind.END_PLAY);
                }
                if (i + 1 >= lane.size()) continue;
                for (TaskNode other : nodes) graph.addEdge(other, lane.get(i + 1), ExecutionGraph.EdgeKind.END_PLAY);
            }
        });
    }

    /** A run_once task's nodes of the batch, chained in host order (see {@link ExecutionGraph.EdgeKind#RUN_ONCE}). */
    private void runOnce(Map<String, List<TaskNode>> taskNodes) {
        Map<CompiledTask, TaskNode> last = new java.util.IdentityHashMap<>();
        for (List<TaskNode> nodes : taskNodes.values()) {
            for (TaskNode n : nodes) {
                if (!n.task().task().runsOnce()) continue;
                TaskNode before = last.put(n.task(), n);
                if (before != null) graph.runOnce(before, n);
            }
        }
    }

    /**
     * A task delegated to another host of the batch, named by what is known before the run
     * (inventory, groups): {@code DELEGATE} edges from the delegate's node before the task to
     * the delegating node, and from it to the delegate's node after the task (see
     * {@link ExecutionGraph.EdgeKind#DELEGATE}). A name known only at run time gets no edge.
     */
    private void delegations(Map<String, List<TaskNode>> taskNodes) {
        Map<String, Map<CompiledTask, TaskNode>> byTask = new HashMap<>();
        taskNodes.forEach((h, nodes) -> nodes.forEach(n -> byTask.computeIfAbsent(h, k -> new java.util.IdentityHashMap<>()).put(n.task(), n)));
        for (List<TaskNode> nodes : taskNodes.values()) {
            for (TaskNode n : nodes) {
                String to = staticDelegate(n);
                if (to == null || to.equals(n.host())) continue;
                TaskNode there = byTask.getOrDefault(to, Map.of()).get(n.task());
                if (there == null) continue;
                List<TaskNode> lane = graph.nodes(to);
                int i = lane.indexOf(there);
                if (i > 0) graph.addEdge(lane.get(i - 1), n, ExecutionGraph.EdgeKind.DELEGATE);
                if (i + 1 < lane.size()) graph.addEdge(n, lane.get(i + 1), ExecutionGraph.EdgeKind.DELEGATE);
            }
        }
    }

    /** The host {@code n}'s task is delegated to, when the inventory alone tells; else null. */
    private String staticDelegate(TaskNode n) {
        Task.Delegation d = n.task().task().delegation();
        if (d == null || d.local() || n.task().delegateTo() == null) return null;
        try {
            Object v = n.task().delegateTo().render(Compiler.scopeForStaticIndex(inv, n.host()));
            return v instanceof String s && inv.host(s.strip()).isPresent() ? s.strip() : null;
        } catch (RuntimeException e) {
            return null; // depends on run-time values
        }
    }

    /**
     * A block's rescue and always, as edges of the host's lane: the block list's last node to
     * the first of rescue ({@code RESCUE}), the last node before always to its first
     * ({@code ALWAYS}). The walker runs or skips them on the host's outcomes (exec's BlockFlow).
     */
    private void blockEdges(List<TaskNode> nodes) {
        Map<Integer, Map<BlockFrame.Section, List<TaskNode>>> blocks = new LinkedHashMap<>();
        for (TaskNode n : nodes) {
            if (n.handler()) continue;
            for (BlockFrame f : n.task().task().blocks()) {
                blocks.computeIfAbsent(f.id(), k -> new java.util.EnumMap<>(BlockFrame.Section.class))
                        .computeIfAbsent(f.section(), k -> new ArrayList<>()).add(n);
            }
        }
        for (Map<BlockFrame.Section, List<TaskNode>> b : blocks.values()) {
            List<TaskNode> body = b.getOrDefault(BlockFrame.Section.BLOCK, List.of());
            List<TaskNode> rescue = b.getOrDefault(BlockFrame.Section.RESCUE, List.of());
            List<TaskNode> always = b.getOrDefault(BlockFrame.Section.ALWAYS, List.of());
            if (!body.isEmpty() && !rescue.isEmpty()) {
                graph.addEdge(body.get(body.size() - 1), rescue.get(0), ExecutionGraph.EdgeKind.RESCUE);
            }
            List<TaskNode> before = !rescue.isEmpty() ? rescue : body;
            if (!before.isEmpty() && !always.isEmpty()) {
                graph.addEdge(before.get(before.size() - 1), always.get(0), ExecutionGraph.EdgeKind.ALWAYS);
            }
        }
    }

    private static ExecutionGraph.Gate gate(int play, int batch, List<TaskNode> after, int size, boolean end, Rolling r) {
        return new ExecutionGraph.Gate(play, batch, List.copyOf(after), size, end, r.maxFailPercentage(), r.anyErrorsFatal());
    }

    /** Each task of the batch starts once the task before it ended on every host of the batch, as Ansible's linear strategy. */
    private void lockstep(int play, int batch, int size, Map<String, List<TaskNode>> taskNodes, Rolling r) {
        int count = taskNodes.values().stream().mapToInt(List::size).max().orElse(0);
        for (int i = 1; i < count; i++) {
            List<TaskNode> before = new ArrayList<>();
            for (List<TaskNode> nodes : taskNodes.values()) if (nodes.size() > i) before.add(nodes.get(i - 1));
            for (List<TaskNode> nodes : taskNodes.values()) {
                if (nodes.size() > i && graph.gate(nodes.get(i)) == null) {
                    graph.gate(nodes.get(i), gate(play, batch, before, size, false, r), ExecutionGraph.EdgeKind.LOCKSTEP);
                }
            }
        }
    }

    private List<TaskNode> flushHandlers(String host, List<TaskNode> section, List<CompiledTask> handlers) {
        List<TaskNode> flushed = new ArrayList<>();
        for (CompiledTask h : handlers) {
            List<TaskNode> notifiers = section.stream().filter(n -> notifies(n.task().task(), h.task())).toList();
            if (notifiers.isEmpty()) continue;
            TaskNode hn = node(host, h, true);
            flushed.add(hn);
            for (TaskNode n : notifiers) graph.addEdge(n, hn, ExecutionGraph.EdgeKind.NOTIFY);
        }
        return flushed;
    }

    private static boolean notifies(Task t, Task handler) {
        return t.notifies().stream().anyMatch(n -> n.equals(handler.name()) || handler.listen().contains(n));
    }

    private TaskNode node(String host, CompiledTask t, boolean handler) {
        int i = nextIndex.merge(host, 1, Integer::sum) - 1;
        TaskNode n = new TaskNode(host, i, t, handler);
        graph.addNode(n);
        return n;
    }

    private boolean isStart(Task t) {
        String want = opts.startAtTask();
        if (t.name() == null) return false;
        return t.name().equals(want) || java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + want).matches(java.nio.file.Path.of(t.name()));
    }

    private boolean selected(Task t) {
        return selected(t.tags()) && t.includeTags().stream().allMatch(this::selected);
    }

    private boolean selected(List<String> taskTags) {
        return opts.selects(taskTags);
    }

    void linkNeedsAndReads(ExpressionCompiler ec, Map<String, Map<String, Object>> hostVars, Diagnostics diags) {
        Map<String, List<TaskNode>> registers = new LinkedHashMap<>();
        Map<String, List<TaskNode>> byName = new LinkedHashMap<>();
        for (TaskNode n : graph.allNodes()) {
            Task t = n.task().task();
            if (t.register() != null) registers.computeIfAbsent(n.host() + "\0" + t.register(), k -> new ArrayList<>()).add(n);
            if (t.name() != null) byName.computeIfAbsent(n.host() + "\0" + t.name(), k -> new ArrayList<>()).add(n);
        }
        for (TaskNode n : graph.allNodes()) {
            for (HostvarsRef ref : n.task().hostvars()) {
                if (ref.attribute() == null) continue;
                for (String h : targetHosts(ref, n.host(), ec)) {
                    for (TaskNode from : registers.getOrDefault(h + "\0" + ref.attribute(), List.of())) {
                        if (from.host().equals(n.host())) continue; // written order already covers it
                        graph.addEdge(from, n, ExecutionGraph.EdgeKind.REGISTERED);
                    }
                }
            }
            for (Task.Need need : n.task().task().needs()) linkNeed(n, need, byName, diags);
        }
    }

    private void linkNeed(TaskNode n, Task.Need need, Map<String, List<TaskNode>> byName, Diagnostics diags) {
        List<String> hosts = need.hosts() == null ? List.of(n.host()) : inv.select(need.hosts(), need.location(), diags);
        boolean found = false;
        for (String h : hosts) {
            for (TaskNode from : byName.getOrDefault(h + "\0" + need.task(), List.of())) {
                graph.addEdge(from, n, ExecutionGraph.EdgeKind.NEEDS);
                found = true;
            }
        }
        if (!found) {
            Set<String> names = new LinkedHashSet<>();
            for (TaskNode x : graph.allNodes()) if (x.task().task().name() != null) names.add(x.task().task().name());
            diags.error(need.location(), "needs names no task '" + need.task() + "' on " + hosts + Suggest.hint(need.task(), names));
        }
    }

    /**
     * The hosts a {@code hostvars[index]} may name: the index evaluated with what is known
     * before the run (inventory, groups); every host when it depends on run-time values.
     */
    private List<String> targetHosts(HostvarsRef ref, String host, ExpressionCompiler ec) {
        try {
            var e = ec.compile(ref.indexSource(), dev.rigger.engine.diag.Location.NONE, new Diagnostics());
            if (e.isPresent()) {
                Object v = e.get().evaluate(Compiler.scopeForStaticIndex(inv, host));
                if (v instanceof String s && inv.host(s).isPresent()) return List.of(s);
            }
        } catch (RuntimeException ignored) {
            // depends on run-time values: be conservative below
        }
        return inv.hostNames();
    }

    ExecutionGraph build() {
        return graph;
    }
}
