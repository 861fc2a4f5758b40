package dev.rigger.modules.fuzz;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One module's figures: inputs by outcome, and the inputs worth reading (canaries, crashes). */
final class Tally {
    final String module;
    final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    final List<String> canaries = new ArrayList<>();
    final List<String> findings = new ArrayList<>();
    /** The first input whose re-plan still wanted changes, if any. */
    String unconverged;
    long millis;

    Tally(String module) {
        this.module = module;
        for (Outcome o : Outcome.values()) counts.put(o, 0);
    }

    void add(Outcome o) {
        counts.merge(o, 1, Integer::sum);
    }

    int inputs() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    int get(Outcome o) {
        return counts.get(o);
    }

    /** Inputs the module itself planned: the binder let them through. */
    int reachedModule() {
        return inputs() - get(Outcome.REJECTED);
    }

    static String header() {
        return String.format("%-15s %6s %7s %9s %8s %9s %8s %7s %8s %8s %7s", "module", "secs", "inputs", "rejected", "refused",
                "unchanged", "applied", "failed", "notconv", "crashed", "canary");
    }

    String row() {
        return String.format("%-15s %6.1f %7d %9d %8d %9d %8d %7d %8d %8d %7d", module, millis / 1000.0, inputs(), get(Outcome.REJECTED),
                get(Outcome.REFUSED), get(Outcome.UNCHANGED) + get(Outcome.UNKNOWN), get(Outcome.APPLIED),
                get(Outcome.STEP_FAILED), get(Outcome.NOT_CONVERGED), get(Outcome.CRASHED), canaries.size());
    }
}
