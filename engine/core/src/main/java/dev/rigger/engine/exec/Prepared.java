package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledTask;
import dev.rigger.spi.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A task made ready to run on one host ({@link Preparations}): its conditions tested, its loop
 * items rendered, their arguments bound, its privilege chosen. What could not be prepared is
 * kept as {@code error}, thrown when the task runs, in its turn.
 *
 * @param scope      the task's variables on the host
 * @param skippedBy  the {@code when:} condition that is false, or null
 * @param items      one per loop item (one without a loop); empty when skipped or in error
 * @param looped     whether the task has a loop (an empty loop has no items)
 * @param generation the host's {@linkplain RunState#registrations registrations} it was prepared after
 * @param delegate   where the task runs instead of the host ({@code delegate_to} rendered), or null
 */
record Prepared(CompiledTask task, Map<String, Object> scope, Privilege privilege, String skippedBy, List<Item> items,
                boolean looped, RuntimeException error, int generation, Delegate delegate) {

    /**
     * One loop item: its scope, bound arguments and the first probes its module declares for
     * them, or why they do not bind ({@code problems}); {@code delegate}: where this item runs
     * when {@code delegate_to} reads the loop variable (null: the host, or the task's delegate);
     * {@code skippedBy}: the {@code when} condition false for this item (a looped task's
     * conditions are tested on each item, as Ansible), which then has no params.
     */
    record Item(Map<String, Object> scope, BoundParams params, List<Probe> first, String problems, Delegate delegate, String skippedBy) {
        Item(Map<String, Object> scope, BoundParams params, List<Probe> first, String problems) {
            this(scope, params, first, problems, null, null);
        }

        static Item skipped(Map<String, Object> scope, String condition) {
            return new Item(scope, null, List.of(), null, null, condition);
        }

        Item on(Delegate d) {
            return new Item(scope, params, first, problems, d, skippedBy);
        }
    }

    /**
     * What the task's plans ask first, as its module declares (see {@link dev.rigger.spi.Module#firstProbes});
     * none when it does not run (a declaration that throws is the task's {@code error}) or runs
     * on a delegate or as another user (what the host is asked ahead as root is no answer there).
     */
    List<Probe> firstProbes() {
        if (error != null || skippedBy != null || delegate != null || privilege.otherUser()) return List.of();
        List<Probe> probes = new ArrayList<>();
        for (Item i : items) {
            if (i.params() != null && i.delegate() == null) probes.addAll(i.first());
        }
        return probes;
    }
}
