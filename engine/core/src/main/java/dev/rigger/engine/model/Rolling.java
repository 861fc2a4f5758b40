package dev.rigger.engine.model;

import java.util.List;

/**
 * How a play rolls over its hosts, as Ansible's {@code serial}, {@code max_fail_percentage} and
 * {@code any_errors_fatal}: the play runs to its end on one batch of hosts before the next batch
 * starts, and a batch's failures may stop the later batches and the plays after.
 *
 * @param serial             batch sizes in order, each a count ({@code Integer}) or a percentage
 *                           ({@code "30%"}); the last repeats; empty: one batch of every host
 * @param maxFailPercentage  more than this percentage of a batch failed stops the play, or null
 * @param anyErrorsFatal     any failure stops the play (after the failing task, on every host of the batch)
 */
public record Rolling(List<Object> serial, Integer maxFailPercentage, boolean anyErrorsFatal) {
    public static final Rolling NONE = new Rolling(List.of(), null, false);

    public Rolling {
        serial = List.copyOf(serial);
    }

    /** Whether the play's hosts wait for each other (batches, or failure rules that span hosts). */
    public boolean gated() {
        return !serial.isEmpty() || maxFailPercentage != null || anyErrorsFatal;
    }

    /** Whether hosts of a batch go task by task together, so a failure can stop the others right after it. */
    public boolean lockstep() {
        return maxFailPercentage != null || anyErrorsFatal;
    }
}
