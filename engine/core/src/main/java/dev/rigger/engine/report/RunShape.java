package dev.rigger.engine.report;

import java.util.List;
import java.util.Map;

/**
 * What a printer needs to know of a run before it starts: each host's number of tasks (in
 * inventory order) and the edges between hosts. The graph itself stays in compile.
 *
 * @param tasksPerHost each host's task count, in the order hosts are reported
 * @param crossEdges   edges from one host's task to another host's
 */
public record RunShape(Map<String, Integer> tasksPerHost, List<CrossEdge> crossEdges) {
    /** An edge of the graph from one host's task to another host's. */
    public record CrossEdge(String fromHost, String fromTask, String toHost, String toTask, String kind) { }

    public RunShape {
        tasksPerHost = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tasksPerHost));
        crossEdges = List.copyOf(crossEdges);
    }
}
