package dev.rigger.engine.report;

import dev.rigger.engine.io.AtomicFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rigger.spi.Diff;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable report ({@code --report-json}): mode, per-host counts, every task with
 * its status, changes and timing, and a failed task's output (its failed step's stdout, then stderr), as the console
 * shows it. Written atomically, masked like the console.
 */
public final class JsonReport {
    private final Masker masker;

    public JsonReport(Masker masker) {
        this.masker = masker;
    }

    public Map<String, Object> toMap(RunResult r) {
        return toMap(r, null);
    }

    /**
     * With a {@code timeline}, each task also has {@code startMs} and {@code endMs} (from the
     * run's start) and the report lists the graph's cross-host {@code edges}.
     */
    public Map<String, Object> toMap(RunResult r, RunTimeline timeline) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", r.check() ? "check" : "apply");
        root.put("durationMs", r.durationMs());
        Map<String, Object> hosts = new LinkedHashMap<>();
        r.recap().forEach((h, c) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", c.ok());
            m.put("changed", c.changed());
            m.put("failed", c.failed());
            m.put("skipped", c.skipped());
            m.put("unknown", c.unknown());
            m.put("ignored", c.ignored());
            m.put("rescued", c.rescued());
            m.put("unreachable", c.unreachable());
            hosts.put(h, m);
        });
        root.put("hosts", hosts);
        List<Object> tasks = new ArrayList<>();
        for (TaskResult t : r.tasks()) {
            Map<String, Object> m = task(t);
            Long end = timeline == null ? null : timeline.endMs(t);
            if (end != null) {
                m.put("startMs", Math.max(0, end - t.durationMs()));
                m.put("endMs", end);
            }
            tasks.add(m);
        }
        root.put("tasks", tasks);
        if (timeline != null) {
            List<Object> edges = new ArrayList<>();
            for (RunShape.CrossEdge e : timeline.crossHostEdges()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("fromHost", e.fromHost());
                m.put("fromTask", masker.mask(e.fromTask()));
                m.put("toHost", e.toHost());
                m.put("toTask", masker.mask(e.toTask()));
                m.put("kind", e.kind());
                edges.add(m);
            }
            root.put("edges", edges);
            // each host's round trips as [start ms, duration ms] pairs: the commands behind its tasks
            Map<String, List<List<Long>>> trips = new LinkedHashMap<>();
            for (RunTimeline.RoundTrip t : timeline.roundTrips()) {
                trips.computeIfAbsent(t.host(), h -> new ArrayList<>()).add(List.of(t.startMs(), t.durationMs()));
            }
            root.put("roundTrips", trips);
            root.put("roundTripsLeftOff", timeline.roundTripsLeftOff());
        }
        return root;
    }

    private Map<String, Object> task(TaskResult t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", t.host());
        m.put("task", masker.mask(t.task()));
        m.put("module", t.module());
        m.put("status", t.status().label());
        List<Object> changes = new ArrayList<>();
        for (Diff d : t.changes()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("subject", masker.mask(d.subject()));
            c.put("action", d.action().name().toLowerCase());
            c.put("before", masker.mask(d.before()));
            c.put("after", masker.mask(d.after()));
            changes.add(c);
        }
        m.put("changes", changes);
        if (!t.message().isEmpty()) m.put("message", masker.mask(t.message()));
        // a failed step's message names the step; why it failed is what the host said
        if (t.status() == Status.FAILED && !t.output().isBlank()) m.put("output", masker.mask(t.output()).strip());
        m.put("durationMs", t.durationMs());
        return m;
    }

    public void write(RunResult r, Path file) throws IOException {
        write(r, null, file);
    }

    public void write(RunResult r, RunTimeline timeline, Path file) throws IOException {
        AtomicFile.write(file, Mapper.OM.writeValueAsBytes(toMap(r, timeline)), null);
    }

    private static final class Mapper {
        static final ObjectMapper OM = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * Makes the mapper and writes a report's kinds of values once, on a thread of its own: a
     * run that will write a report calls it at its start, so Jackson's first mapper and first
     * serializers (~60 ms) are made while the run waits for its hosts, not after its last task.
     */
    public static void warmUp() {
        Thread t = new Thread(() -> {
            try {
                Mapper.OM.writeValueAsBytes(Map.of("hosts", Map.of("h", Map.of("ok", 1, "name", "x")), "tasks", List.of(Map.of("durationMs", 1L, "changed", true))));
            } catch (IOException | RuntimeException e) {
                // only a warm-up: the report itself says what went wrong
            }
        }, "rigger-report-warm-up");
        t.setDaemon(true);
        t.start();
    }
}
