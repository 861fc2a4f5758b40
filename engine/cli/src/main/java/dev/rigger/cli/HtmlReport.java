package dev.rigger.cli;

import dev.rigger.engine.io.AtomicFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.engine.report.ChangeGroups;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.Status;
import dev.rigger.engine.report.TaskResult;
import dev.rigger.spi.Diff;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run as one self-contained web page ({@code --report-html}, {@code rigger show --html}):
 * drawn by a small inline script from the JSON report, embedded in a compact form (names in
 * tables, a task as five numbers). No network, nothing outside the file; texts are masked.
 */
final class HtmlReport {
    /** Characters of a failure's output kept on the page. */
    static final int OUTPUT_LIMIT = 4000;
    /** Failures and cross-host edges kept on the page; the rest are counted. */
    static final int LIST_LIMIT = 2000;
    /** Variants of one task's change kept on the page; the rest are counted. */
    static final int VARIANT_LIMIT = 50;
    private static final List<String> STATUSES = java.util.Arrays.stream(Status.values()).map(Status::label).toList();

    private HtmlReport() { }

    /** The page for {@code report} (a JSON report, as {@code --report-json} writes it). */
    static String render(JsonNode report, Masker masker, String title) {
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(data(report, masker, title));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // inside <script>: no "</" may end it early; U+2028/9 are line ends in old JavaScript
        json = json.replace("</", "<\\/").replace("<!--", "<\\!--").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        return template().replace("/*TITLE*/", escape(masker.mask(title))).replace("/*DATA*/", json);
    }

    static void write(JsonNode report, Masker masker, String title, Path file) throws IOException {
        AtomicFile.write(file, render(report, masker, title).getBytes(StandardCharsets.UTF_8), null);
    }

    /** What the page's script draws from. */
    static Map<String, Object> data(JsonNode report, Masker masker, String title) {
        Map<String, Integer> hostIndex = new LinkedHashMap<>();
        Map<String, Integer> taskIndex = new LinkedHashMap<>();
        List<List<Integer>> counts = new ArrayList<>();
        report.path("hosts").fields().forEachRemaining(e -> {
            hostIndex.put(e.getKey(), hostIndex.size());
            JsonNode c = e.getValue();
            counts.add(List.of(c.path("ok").asInt(), c.path("changed").asInt(), c.path("failed").asInt(), c.path("skipped").asInt(),
                    c.path("unknown").asInt(), c.path("ignored").asInt(), c.path("unreachable").asBoolean() ? 1 : 0));
        });
        List<TaskResult> results = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        Map<String, Long> hostClock = new HashMap<>();
        boolean timed = true;
        int failuresLeftOff = 0;
        for (JsonNode t : report.path("tasks")) {
            String host = t.path("host").asText();
            String task = masker.mask(t.path("task").asText());
            Status status = Status.valueOf(t.path("status").asText().toUpperCase());
            long dur = t.path("durationMs").asLong();
            if (!hostIndex.containsKey(host)) {
                hostIndex.put(host, hostIndex.size());
                counts.add(List.of(0, 0, 0, 0, 0, 0, 0));
            }
            long start;
            if (t.has("startMs")) {
                start = t.path("startMs").asLong();
            } else {
                // a saved plan or an older report: the host's tasks one after the other
                timed = false;
                start = hostClock.getOrDefault(host, 0L);
            }
            hostClock.put(host, start + dur);
            rows.add((long) hostIndex.get(host));
            rows.add((long) index(taskIndex, task));
            rows.add((long) status.ordinal());
            rows.add(start);
            rows.add(dur);
            List<Diff> changes = new ArrayList<>();
            for (JsonNode c : t.path("changes")) {
                changes.add(new Diff(c.path("subject").asText(), Diff.Action.valueOf(c.path("action").asText().toUpperCase()),
                        text(c.get("before")), text(c.get("after"))));
            }
            String message = masker.mask(t.path("message").asText(""));
            String output = masker.mask(t.path("output").asText(""));
            results.add(new TaskResult(host, 0, task, t.path("module").asText(), status, changes, message, output, dur));
            if (status == Status.FAILED || status == Status.UNREACHABLE || status == Status.IGNORED
                    || status == Status.RESCUED) {
                if (failures.size() == LIST_LIMIT) {
                    failuresLeftOff++;
                    continue;
                }
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("h", hostIndex.get(host));
                f.put("t", taskIndex.get(task));
                f.put("s", status.ordinal());
                f.put("message", message);
                f.put("output", output.length() > OUTPUT_LIMIT ? output.substring(0, OUTPUT_LIMIT) + "\n... (cut)" : output);
                failures.add(f);
            }
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        for (ChangeGroups.Group g : ChangeGroups.group(results, masker)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", g.task());
            m.put("module", g.module());
            m.put("s", g.status().ordinal());
            m.put("hosts", g.hosts());
            List<Map<String, Object>> vs = new ArrayList<>();
            for (ChangeGroups.Variant v : g.variants().subList(0, Math.min(VARIANT_LIMIT, g.variants().size()))) {
                Map<String, Object> vm = new LinkedHashMap<>();
                vm.put("h", v.hosts().stream().map(hostIndex::get).toList());
                vm.put("diff", String.join("\n", v.diff()));
                if (!v.message().isEmpty()) vm.put("message", v.message());
                vs.add(vm);
            }
            m.put("variants", vs);
            m.put("variantsLeftOff", Math.max(0, g.variants().size() - VARIANT_LIMIT));
            groups.add(m);
        }
        List<List<Object>> edges = new ArrayList<>();
        int edgesLeftOff = 0;
        for (JsonNode e : report.path("edges")) {
            String from = e.path("fromHost").asText();
            String to = e.path("toHost").asText();
            if (!hostIndex.containsKey(from) || !hostIndex.containsKey(to)) continue;
            if (edges.size() == LIST_LIMIT) {
                edgesLeftOff++;
                continue;
            }
            edges.add(List.of(hostIndex.get(from), index(taskIndex, masker.mask(e.path("fromTask").asText())), hostIndex.get(to),
                    index(taskIndex, masker.mask(e.path("toTask").asText())), e.path("kind").asText()));
        }
        // round trips per host, flat: host, start, duration, ...
        List<Long> trips = new ArrayList<>();
        report.path("roundTrips").fields().forEachRemaining(e -> {
            Integer h = hostIndex.get(e.getKey());
            if (h == null) return;
            for (JsonNode t : e.getValue()) {
                trips.add((long) h);
                trips.add(t.path(0).asLong());
                trips.add(t.path(1).asLong());
            }
        });
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", masker.mask(title));
        root.put("mode", report.path("mode").asText("check"));
        root.put("durationMs", report.path("durationMs").asLong());
        root.put("timed", timed);
        root.put("statuses", STATUSES);
        root.put("hosts", List.copyOf(hostIndex.keySet()));
        root.put("counts", counts);
        root.put("tasks", List.copyOf(taskIndex.keySet()));
        root.put("rows", rows);
        root.put("groups", groups);
        root.put("failures", failures);
        root.put("failuresLeftOff", failuresLeftOff);
        root.put("edges", edges);
        root.put("edgesLeftOff", edgesLeftOff);
        root.put("trips", trips);
        root.put("tripsLeftOff", report.path("roundTripsLeftOff").asInt());
        return root;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static int index(Map<String, Integer> table, String name) {
        return table.computeIfAbsent(name, k -> table.size());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String template() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("report-page.html")) {
            if (in == null) throw new IllegalStateException("report-page.html missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
