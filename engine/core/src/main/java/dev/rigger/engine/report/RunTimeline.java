package dev.rigger.engine.report;

import dev.rigger.engine.compile.ExecutionGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each task finished, counted from the run's start, and the graph's edges between hosts:
 * what the report page draws a timeline from. A task started its duration before it finished.
 */
public final class RunTimeline implements RunListener {
    /** An edge of the graph from one host's task to another host's. */
    public record CrossEdge(String fromHost, String fromTask, String toHost, String toTask, String kind) { }

    private final Map<TaskResult, Long> ends = Collections.synchronizedMap(new IdentityHashMap<>());
    private volatile long t0 = System.nanoTime();
    private volatile List<CrossEdge> edges = List.of();

    @Override
    public void runStarted(ExecutionGraph graph, boolean check) {
        t0 = System.nanoTime();
        List<CrossEdge> cross = new ArrayList<>();
        for (ExecutionGraph.Edge e : graph.edges()) {
            if (!e.from().host().equals(e.to().host())) {
                cross.add(new CrossEdge(e.from().host(), e.from().task().name(), e.to().host(), e.to().task().name(),
                        e.kind().name().toLowerCase()));
            }
        }
        edges = List.copyOf(cross);
    }

    @Override
    public void taskFinished(TaskResult result) {
        ends.put(result, (System.nanoTime() - t0) / 1_000_000);
    }

    /** When {@code r} finished, in ms from the run's start; null if it was not seen finishing. */
    public Long endMs(TaskResult r) {
        return ends.get(r);
    }

    public List<CrossEdge> crossHostEdges() {
        return edges;
    }
}
