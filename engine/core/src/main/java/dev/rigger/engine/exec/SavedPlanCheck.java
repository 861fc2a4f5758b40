package dev.rigger.engine.exec;

import dev.rigger.engine.compile.TaskNode;
import dev.rigger.engine.plan.Drift;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.Status;
import dev.rigger.engine.report.TaskResult;
import dev.rigger.spi.Diff;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applying a saved plan, as Terraform does: right before a task applies, its fresh plan is
 * compared with the saved one, and a task that would no longer do what was reviewed is refused
 * with what moved (its host's remaining tasks are then skipped). Until the host's first planned
 * change the fresh plan must be the saved one exactly (status and fingerprint). After it, the
 * saved plan of a task was made against a host that apply has since changed, so it must not do
 * more than was reviewed: its changes among the saved ones. A task planned "unknown" (known after
 * apply) may become anything.
 */
final class SavedPlanCheck {
    static final String REFUSED = Drift.REFUSED;

    private final Map<String, TaskResult> planned = new HashMap<>();
    /** host#index of the tasks planned after a change on their host. */
    private final Set<String> afterChange = new HashSet<>();
    private final Masker masker;

    SavedPlanCheck(List<TaskResult> saved, Masker masker) {
        this.masker = masker;
        Map<String, Integer> firstChange = new HashMap<>();
        for (TaskResult t : saved) {
            planned.put(key(t.host(), t.index()), t);
            if (t.status() == Status.CHANGED || t.status() == Status.UNKNOWN) firstChange.merge(t.host(), t.index(), Math::min);
        }
        for (TaskResult t : saved) {
            Integer first = firstChange.get(t.host());
            if (first != null && t.index() > first) afterChange.add(key(t.host(), t.index()));
        }
    }

    private static String key(String host, int index) {
        return host + "#" + index;
    }

    /** Null when {@code now} (the task's fresh plan, as check mode would report it) may apply, else why not. */
    String refusal(TaskNode n, TaskOutcome now) {
        String k = key(n.host(), n.index());
        TaskResult saved = planned.get(k);
        Status status = now.status() == Status.FAILED && n.task().task().ignoresErrors() ? Status.IGNORED : now.status();
        TaskResult fresh = new TaskResult(n.host(), n.index(), n.task().name(), n.task().module().name(), status,
                masked(now.changes()), now.message(), "", 0, now.fingerprint());
        if (saved == null) return REFUSED + "\n'" + fresh.task() + "' was not planned on this host";
        if (saved.status() == Status.UNKNOWN) return null;
        if (saved.status() == status && saved.fingerprint().equals(fresh.fingerprint())) return null;
        if (afterChange.contains(k) && noMoreThan(saved, fresh)) return null;
        return REFUSED + "\n" + String.join("\n", Drift.describe(saved, fresh));
    }

    /** Whether {@code fresh} changes nothing the saved plan did not show (compared as the plan file shows them: masked). */
    private static boolean noMoreThan(TaskResult saved, TaskResult fresh) {
        if (fresh.status() == Status.OK || fresh.status() == Status.SKIPPED) return true;
        return fresh.status() == saved.status() && saved.changes().containsAll(fresh.changes());
    }

    private List<Diff> masked(List<Diff> diffs) {
        return diffs.stream().map(d -> new Diff(masker.mask(d.subject()), d.action(), masker.mask(d.before()), masker.mask(d.after()))).toList();
    }
}
