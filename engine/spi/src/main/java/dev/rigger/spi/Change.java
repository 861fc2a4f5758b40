package dev.rigger.spi;

import java.util.List;
import java.util.Map;

/**
 * What a module's plan found: nothing to do, an unknown outcome (with the reason), or a change
 * made of before/after records and the ordered steps that realise it. Plain data, so a plan can
 * be printed, saved and compared. <b>Stable.</b>
 *
 * <p>Build one with the factories ({@link #none()}, {@link #unknown}, {@link #of},
 * {@link #all}) rather than the constructor; they keep {@code kind} consistent with the diffs
 * and steps.
 *
 * @param kind       which of the three outcomes this is
 * @param reason     for {@link Kind#UNKNOWN}, why the outcome cannot be known yet; otherwise
 *                   empty
 * @param diffs      what will change, for showing; empty unless {@link Kind#CHANGE}
 * @param steps      what the engine runs, in order, to make the change
 * @param outputs    values the task registers besides the engine's own (e.g. a file's checksum)
 * @param verifiable false when re-planning after apply cannot show convergence (a command
 *                   without guards always "would run"); the engine then skips that proof
 */
public record Change(Kind kind, String reason, List<Diff> diffs, List<Step> steps,
                     Map<String, Object> outputs, boolean verifiable) {

    /** The three outcomes of a plan. */
    public enum Kind {
        /** The host already matches; nothing runs. */
        NONE,
        /**
         * The outcome depends on something not there yet (e.g. a file an earlier task creates):
         * reported as unknown in check mode, a failure when applying.
         */
        UNKNOWN,
        /** The host differs; the steps make it match. */
        CHANGE
    }

    /**
     * Copies the lists and map, so a change cannot be altered after it is made.
     *
     * @param kind       the outcome
     * @param reason     why it is unknown, or empty
     * @param diffs      the before/after records
     * @param steps      the steps, in order
     * @param outputs    values to register; no null keys or values
     * @param verifiable whether a re-plan after apply can prove convergence
     */
    public Change {
        diffs = List.copyOf(diffs);
        steps = List.copyOf(steps);
        outputs = Map.copyOf(outputs);
    }

    /**
     * Nothing to do.
     *
     * @return a {@link Kind#NONE} change without outputs
     */
    public static Change none() {
        return none(Map.of());
    }

    /**
     * Nothing to do, but values to register (e.g. the checksum of a file already in place).
     *
     * @param outputs values the task registers
     * @return a {@link Kind#NONE} change
     */
    public static Change none(Map<String, Object> outputs) {
        return new Change(Kind.NONE, "", List.of(), List.of(), outputs, true);
    }

    /**
     * The outcome cannot be known now; check mode reports it instead of guessing.
     *
     * @param reason for the operator, e.g. {@code /opt/app.tar does not exist yet}
     * @return a {@link Kind#UNKNOWN} change
     */
    public static Change unknown(String reason) {
        return new Change(Kind.UNKNOWN, reason, List.of(), List.of(), Map.of(), true);
    }

    /**
     * A change made of these diffs and steps; {@link Kind#NONE} when both are empty.
     *
     * @param diffs what will change
     * @param steps what the engine runs, in order
     * @return the change
     */
    public static Change of(List<Diff> diffs, List<Step> steps) {
        return new Change(diffs.isEmpty() && steps.isEmpty() ? Kind.NONE : Kind.CHANGE, "",
                diffs, steps, Map.of(), true);
    }

    /**
     * Combines the changes of several subjects (e.g. content, then mode) into one.
     *
     * @param parts the changes, in the order their steps must run
     * @return the first {@link Kind#UNKNOWN} part if any; otherwise all diffs and steps joined,
     *         verifiable and without the parts' outputs (add them with {@link #withOutputs})
     */
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

    /**
     * Adds values for the task to register.
     *
     * @param more values to add; they replace outputs of the same name
     * @return a copy with the merged outputs
     */
    public Change withOutputs(Map<String, Object> more) {
        var merged = new java.util.LinkedHashMap<>(outputs);
        merged.putAll(more);
        return new Change(kind, reason, diffs, steps, merged, verifiable);
    }

    /**
     * Marks a change whose re-plan after apply cannot prove convergence.
     *
     * @return a copy with {@code verifiable} false
     */
    public Change unverifiable() {
        return new Change(kind, reason, diffs, steps, outputs, false);
    }

    /**
     * Whether there is nothing to do.
     *
     * @return true for {@link Kind#NONE}
     */
    public boolean isNone() {
        return kind == Kind.NONE;
    }
}
