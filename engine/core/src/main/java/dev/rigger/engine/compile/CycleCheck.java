package dev.rigger.engine.compile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Finds a cycle and words it as a path starting at a stable node: JGraphT detects cycles but
 * does not name them, so the path is traced here within the detected cycle's vertices.
 */
final class CycleCheck {
    private CycleCheck() { }

    static Optional<List<TaskNode>> find(ExecutionGraph g) {
        Graph<TaskNode, DefaultEdge> jg = new DefaultDirectedGraph<>(DefaultEdge.class);
        g.allNodes().forEach(jg::addVertex);
        for (ExecutionGraph.Edge e : g.edges()) jg.addEdge(e.from(), e.to());
        CycleDetector<TaskNode, DefaultEdge> detector = new CycleDetector<>(jg);
        if (!detector.detectCycles()) return Optional.empty();
        Set<TaskNode> inCycles = detector.findCycles();
        TaskNode start = inCycles.stream()
                .min(Comparator.comparing(TaskNode::host).thenComparingInt(TaskNode::index)).orElseThrow();
        List<TaskNode> path = new ArrayList<>();
        path.add(start);
        trace(jg, start, start, inCycles, path, new java.util.HashSet<>());
        return Optional.of(path);
    }

    /** Depth-first search inside the cycle's vertices for a way back to {@code start}. */
    private static boolean trace(Graph<TaskNode, DefaultEdge> jg, TaskNode at, TaskNode start,
                                 Set<TaskNode> allowed, List<TaskNode> path, Set<TaskNode> seen) {
        List<TaskNode> next = jg.outgoingEdgesOf(at).stream().map(jg::getEdgeTarget)
                .filter(allowed::contains)
                .sorted(Comparator.comparing(TaskNode::host).thenComparingInt(TaskNode::index)).toList();
        for (TaskNode n : next) {
            if (n.equals(start)) {
                path.add(n);
                return true;
            }
            if (seen.add(n)) {
                path.add(n);
                if (trace(jg, n, start, allowed, path, seen)) return true;
                path.remove(path.size() - 1);
            }
        }
        return false;
    }

    /** {@code a/x -> b/y -> a/x}, with consecutive same-host order steps folded. */
    static String describe(List<TaskNode> path) {
        List<String> parts = new ArrayList<>();
        for (TaskNode n : path) parts.add(n.label());
        return String.join(" -> ", parts);
    }
}
