package dev.rigger.engine.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each task finished, counted from the run's start, when each round trip to a host went
 * and came back, and the graph's edges between hosts: what the report page draws a timeline
 * from. A task started its duration before it finished.
 */
public final class RunTimeline implements RunListener {
    /** Round trips kept (a fresh apply makes about 35 per host): beyond, they are counted only. */
    static final int MOST_ROUND_TRIPS = 100_000;

    /** One command to a host and its answer, in ms from the run's start. */
    public record RoundTrip(String host, long startMs, long durationMs) { }

    private final List<RoundTrip> roundTrips = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicInteger roundTripsLeftOff = new java.util.concurrent.atomic.AtomicInteger();
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

    @Override
    public void roundTrip(String host, long startNanos, long durationNanos) {
        if (roundTrips.size() >= MOST_ROUND_TRIPS) {
            roundTripsLeftOff.incrementAndGet();
            return;
        }
        roundTrips.add(new RoundTrip(host, Math.max(0, (startNanos - t0) / 1_000_000), Math.max(1, durationNanos / 1_000_000)));
    }

    public List<RoundTrip> roundTrips() {
        synchronized (roundTrips) {
            return List.copyOf(roundTrips);
        }
    }

    public int roundTripsLeftOff() {
        return roundTripsLeftOff.get();
    }

    /** When {@code r} finished, in ms from the run's start; null if it was not seen finishing. */
    public Long endMs(TaskResult r) {
        return ends.get(r);
    }

    public List<RunShape.CrossEdge> crossHostEdges() {
        return edges;
    }
}
