package dev.rigger.engine.plan;

import dev.rigger.engine.report.DiffRenderer;
import dev.rigger.engine.report.TaskResult;
import dev.rigger.spi.Diff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a saved plan with a fresh plan of the same hosts, made just before applying: a host
 * whose tasks would no longer do exactly what was reviewed has drifted, and this says what moved.
 */
public final class Drift {
    /** How the message of a task refused for drift begins. */
    public static final String REFUSED = "drifted since plan:";

    private Drift() { }

    /** Host -> lines describing what moved; hosts that did not drift are absent. */
    public static Map<String, List<String>> between(List<TaskResult> planned, List<TaskResult> now) {
        Map<String, TaskResult> fresh = new LinkedHashMap<>();
        for (TaskResult t : now) fresh.put(t.host() + "#" + t.index(), t);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (TaskResult p : planned) {
            TaskResult n = fresh.get(p.host() + "#" + p.index());
            List<String> moved = out.computeIfAbsent(p.host(), h -> new ArrayList<>());
            if (n == null) moved.add("'" + p.task() + "' is no longer planned on this host");
            else if (p.status() != n.status() || !p.fingerprint().equals(n.fingerprint())) moved.addAll(describe(p, n));
        }
        out.values().removeIf(List::isEmpty);
        return out;
    }

    /** How a task moved: what was planned, what would happen now. */
    public static List<String> describe(TaskResult planned, TaskResult now) {
        List<String> lines = new ArrayList<>();
        lines.add("'" + planned.task() + "' planned " + planned.status().label() + ", now " + now.status().label() + ":");
        lines.add("  planned:");
        for (Diff d : planned.changes()) DiffRenderer.render(d).forEach(l -> lines.add("    " + l));
        lines.add("  now:");
        for (Diff d : now.changes()) DiffRenderer.render(d).forEach(l -> lines.add("    " + l));
        if (now.changes().isEmpty()) lines.add("    (nothing to change)" + (now.message().isEmpty() ? "" : ": " + now.message()));
        return lines;
    }
}
