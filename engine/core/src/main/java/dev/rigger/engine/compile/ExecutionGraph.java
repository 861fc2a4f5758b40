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

    /** Why an edge exists, for graphs and "upstream failed" reasons. */
    public enum EdgeKind { ORDER, REGISTERED, NEEDS, NOTIFY }

    public record Edge(TaskNode from, TaskNode to, EdgeKind kind) { }

    private final Map<String, List<TaskNode>> perHost = new LinkedHashMap<>();
    private final Map<TaskNode, Set<Edge>> incoming = new LinkedHashMap<>();

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

    /** Edges into {@code n} other than its host's written order: what it must wait for. */
    public List<Edge> waitsFor(TaskNode n) {
        return incoming(n).stream().filter(e -> e.kind() != EdgeKind.ORDER && e.kind() != EdgeKind.NOTIFY).toList();
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
