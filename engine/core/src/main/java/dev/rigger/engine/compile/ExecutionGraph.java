package dev.rigger.engine.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled DAG: per host, nodes in their written order (each waits for the one before it),
 * plus edges that cross that order: a read of another host's registered result, a
 * {@code needs:}, and handler notifications. Free of JGraphT so that nothing outside
 * {@code compile} depends on it.
 */
public final class ExecutionGraph {

    /**
     * Why an edge exists, for graphs and "upstream failed" reasons. {@code BATCH}: a serial
     * batch (or a play with failure rules across hosts) is over before the next batch or play
     * starts; {@code LOCKSTEP}: under {@code any_errors_fatal}/{@code max_fail_percentage}
     * a batch's hosts finish a task together. Both are judged by the node's {@link Gate}.
     * {@code RESCUE}: a block's rescue runs when one of the block's tasks failed (drawn from
     * the block's last node); {@code ALWAYS}: a block's always runs once the block (and its
     * rescue) ended, however; the host's walker decides both on its own outcomes.
     * {@code RUN_ONCE}: a {@code run_once} task's nodes of a batch form a chain in host order:
     * each waits for the one before; the first whose host has not failed runs the task, the
     * others take its result.
     * {@code DELEGATE}: a task delegated to another host of the batch runs there while that host's
     * walk is at the same task, as under Ansible's lockstep: after the delegate's node before it,
     * and before the delegate's node after it; it waits, but a failure there blocks nothing.
     * {@code END_PLAY}: a {@code meta: end_play} or {@code end_batch} is a stop across hosts, as under Ansible's
     * lockstep: each host's node after it waits for every host's (of the batch); a failure there blocks nothing.
     */
    public enum EdgeKind { ORDER, REGISTERED, NEEDS, NOTIFY, BATCH, LOCKSTEP, RESCUE, ALWAYS, RUN_ONCE, DELEGATE, END_PLAY }

    /**
     * What a node waits for before it may start, besides its edges: {@code after} (one node
     * per host of a batch) done, judged by the play's failure rules.
     *
     * @param play         the play's place in the run: a rule that breaks stops the play, and the plays after it
     * @param batch        the batch {@code after} belongs to (1-based), for messages
     * @param batchSize    how many hosts the batch has
     * @param endOfBatch   true at a batch's end, where a batch whose every host failed stops the play
     */
    public record Gate(int play, int batch, List<TaskNode> after, int batchSize, boolean endOfBatch,
                       Integer maxFailPercentage, boolean anyErrorsFatal) { }

    public record Edge(TaskNode from, TaskNode to, EdgeKind kind) { }

    private final Map<String, List<TaskNode>> perHost = new LinkedHashMap<>();
    private final Map<TaskNode, Set<Edge>> incoming = new LinkedHashMap<>();
    private final Map<TaskNode, Gate> gates = new java.util.HashMap<>();
    private final Map<TaskNode, List<String>> batches = new java.util.HashMap<>();
    private final Map<TaskNode, TaskNode> runOnce = new java.util.HashMap<>();

    void addNode(TaskNode n) {
        List<TaskNode> list = perHost.computeIfAbsent(n.host(), h -> new ArrayList<>());
        if (!list.isEmpty()) addEdge(list.get(list.size() - 1), n, EdgeKind.ORDER);
        list.add(n);
        incoming.computeIfAbsent(n, k -> new LinkedHashSet<>());
    }

    void addEdge(TaskNode from, TaskNode to, EdgeKind kind) {
        if (!from.equals(to)) incoming.computeIfAbsent(to, k -> new LinkedHashSet<>()).add(new Edge(from, to, kind));
    }

    public List<String> hosts() {
        return List.copyOf(perHost.keySet());
    }

    public List<TaskNode> nodes(String host) {
        return perHost.getOrDefault(host, List.of());
    }

    public List<TaskNode> allNodes() {
        List<TaskNode> all = new ArrayList<>();
        perHost.values().forEach(all::addAll);
        return all;
    }

    /** Every edge into {@code n}. */
    public Set<Edge> incoming(TaskNode n) {
        return incoming.getOrDefault(n, Set.of());
    }

    /** Edges into {@code n} other than its host's written order and its gate: what it must wait for, failing if they failed. */
    public List<Edge> waitsFor(TaskNode n) {
        return incoming(n).stream().filter(e -> switch (e.kind()) {
            case ORDER, NOTIFY, BATCH, LOCKSTEP, RESCUE, ALWAYS, RUN_ONCE -> false;
            default -> true;
        }).toList();
    }

    /** Sets {@code n}'s gate and draws its edges ({@code kind}: BATCH or LOCKSTEP). */
    void gate(TaskNode n, Gate g, EdgeKind kind) {
        gates.put(n, g);
        for (TaskNode from : g.after()) addEdge(from, n, kind);
    }

    /** The gate {@code n} waits at, or null. */
    public Gate gate(TaskNode n) {
        return gates.get(n);
    }

    void batch(TaskNode n, List<String> hosts) {
        batches.put(n, hosts);
    }

    /** The hosts of the serial batch {@code n} runs in ({@code ansible_play_batch}), or null when its play has one batch. */
    public List<String> batchOf(TaskNode n) {
        return batches.get(n);
    }

    /** {@code n} comes after {@code before} in its run_once chain. */
    void runOnce(TaskNode before, TaskNode n) {
        runOnce.put(n, before);
        addEdge(before, n, EdgeKind.RUN_ONCE);
    }

    /** The node before {@code n} in its run_once chain, or null (the chain's first, or no run_once). */
    public TaskNode runOnceBefore(TaskNode n) {
        return runOnce.get(n);
    }

    /** The first node of {@code n}'s run_once chain ({@code n} itself when it is the first). */
    public TaskNode runOnceFirst(TaskNode n) {
        TaskNode first = n;
        while (runOnce.containsKey(first)) first = runOnce.get(first);
        return first;
    }

    /** For a handler node: the task nodes whose change notifies it. */
    public List<TaskNode> notifiers(TaskNode handler) {
        return incoming(handler).stream().filter(e -> e.kind() == EdgeKind.NOTIFY).map(Edge::from).toList();
    }

    public List<Edge> edges() {
        List<Edge> all = new ArrayList<>();
        incoming.values().forEach(all::addAll);
        return all;
    }
}
