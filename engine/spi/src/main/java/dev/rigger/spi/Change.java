package dev.rigger.spi;

import java.util.List;
import java.util.Map;

/**
 * What a module's plan found: nothing to do, an unknown outcome (with the reason), or a change
 * made of before/after records and the ordered steps that realise it. Plain data, so a plan can
 * be printed, saved and compared. <b>Stable.</b>
 *
 * @param verifiable false when re-planning after apply cannot show convergence (a command
 *                   without guards always "would run"); the engine then skips that proof
 * @param outputs    values the task registers besides the engine's own (e.g. a file's checksum)
 */
public record Change(Kind kind, String reason, List<Diff> diffs, List<Step> steps,
                     Map<String, Object> outputs, boolean verifiable) {

    public enum Kind { NONE, UNKNOWN, CHANGE }

    public Change {
        diffs = List.copyOf(diffs);
        steps = List.copyOf(steps);
        outputs = Map.copyOf(outputs);
    }

    public static Change none() {
        return none(Map.of());
    }

    public static Change none(Map<String, Object> outputs) {
        return new Change(Kind.NONE, "", List.of(), List.of(), outputs, true);
    }

    public static Change unknown(String reason) {
        return new Change(Kind.UNKNOWN, reason, List.of(), List.of(), Map.of(), true);
    }

    public static Change of(List<Diff> diffs, List<Step> steps) {
        return new Change(diffs.isEmpty() && steps.isEmpty() ? Kind.NONE : Kind.CHANGE, "",
                diffs, steps, Map.of(), true);
    }

    /** Combines the changes of several subjects (e.g. content, then mode) into one. */
    public static Change all(List<Change> parts) {
        List<Diff> diffs = new java.util.ArrayList<>();
        List<Step> steps = new java.util.ArrayList<>();
        for (Change c : parts) {
            if (c.kind == Kind.UNKNOWN) return c;
            diffs.addAll(c.diffs);
            steps.addAll(c.steps);
        }
        return of(diffs, steps);
    }

    public Change withOutputs(Map<String, Object> more) {
        var merged = new java.util.LinkedHashMap<>(outputs);
        merged.putAll(more);
        return new Change(kind, reason, diffs, steps, merged, verifiable);
    }

    /** Marks a change whose re-plan after apply cannot prove convergence. */
    public Change unverifiable() {
        return new Change(kind, reason, diffs, steps, outputs, false);
    }

    public boolean isNone() {
        return kind == Kind.NONE;
    }
}
