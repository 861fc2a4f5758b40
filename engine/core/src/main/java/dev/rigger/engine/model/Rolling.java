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
 * @param order              Ansible's {@code order}: the play's hosts in inventory order, reverse_inventory,
 *                           sorted, reverse_sorted or shuffle; batches are cut and run_once's first host taken in it
 * @param forceHandlers      {@code force_handlers}: a host that failed still runs the handlers notified
 *                           before, where they run (its section's end); null: as the run says (--force-handlers)
 */
public record Rolling(List<Object> serial, Integer maxFailPercentage, boolean anyErrorsFatal, String order, Boolean forceHandlers) {
    public static final Rolling NONE = new Rolling(List.of(), null, false);

    public Rolling(List<Object> serial, Integer maxFailPercentage, boolean anyErrorsFatal, String order) {
        this(serial, maxFailPercentage, anyErrorsFatal, order, null);
    }
    /** The orders Ansible knows. */
    public static final List<String> ORDERS = List.of("inventory", "reverse_inventory", "sorted", "reverse_sorted", "shuffle");

    public Rolling {
        serial = List.copyOf(serial);
        if (order == null) order = "inventory";
    }

    public Rolling(List<Object> serial, Integer maxFailPercentage, boolean anyErrorsFatal) {
        this(serial, maxFailPercentage, anyErrorsFatal, "inventory");
    }

    /** {@code hosts} (in inventory order) in this play's order, as Ansible's get_hosts orders them. */
    public List<String> ordered(List<String> hosts) {
        List<String> out = new java.util.ArrayList<>(hosts);
        switch (order) {
            case "reverse_inventory" -> java.util.Collections.reverse(out);
            case "sorted" -> java.util.Collections.sort(out);
            case "reverse_sorted" -> out.sort(java.util.Comparator.reverseOrder());
            case "shuffle" -> java.util.Collections.shuffle(out);
            default -> { }
        }
        return out;
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
