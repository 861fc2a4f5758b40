package dev.rigger.engine.report;

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
    private final Map<TaskResult, Long> ends = Collections.synchronizedMap(new IdentityHashMap<>());
    private volatile long t0 = System.nanoTime();
    private volatile List<RunShape.CrossEdge> edges = List.of();

    @Override
    public void runStarted(RunShape shape, boolean check) {
        t0 = System.nanoTime();
        edges = shape.crossEdges();
    }

    @Override
    public void taskFinished(TaskResult result) {
        ends.put(result, (System.nanoTime() - t0) / 1_000_000);
    }

    /** When {@code r} finished, in ms from the run's start; null if it was not seen finishing. */
    public Long endMs(TaskResult r) {
        return ends.get(r);
    }

    public List<RunShape.CrossEdge> crossHostEdges() {
        return edges;
    }
}
