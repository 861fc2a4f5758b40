package dev.rigger.engine.exec;

import dev.rigger.engine.compile.TaskNode;
import dev.rigger.engine.expr.Unknown;
import dev.rigger.engine.report.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Check mode on one host: a task planned against a host whose earlier changes are still pending
 * (a service whose package is not installed yet) may fail only because those changes were not
 * made: it is unknown until apply, as Terraform's "known after apply", not failed.
 */
final class KnownAfterApply {
    private final boolean check;
    /** The earlier tasks on this host whose changes were planned, not made. */
    private final List<String> pending = new ArrayList<>();

    KnownAfterApply(boolean check) {
        this.check = check;
    }

    TaskOutcome judge(TaskNode n, TaskOutcome o) {
        if (!check) return o;
        if (o.status() == Status.FAILED && !pending.isEmpty()) {
            String why = "known after apply (pending on this host: " + pendingNames() + "): " + o.message();
            return new TaskOutcome(Status.UNKNOWN, o.changes(), why, o.output(), new Unknown(why));
        }
        if (o.status() == Status.CHANGED || o.status() == Status.UNKNOWN) pending.add("'" + n.task().name() + "'");
        return o;
    }

    /** The most recent pending tasks first: the likeliest cause of a plan that cannot be made yet. */
    private String pendingNames() {
        List<String> recent = new ArrayList<>(pending.subList(Math.max(0, pending.size() - 3), pending.size()));
        Collections.reverse(recent);
        return String.join(", ", recent) + (pending.size() > 3 ? " and " + (pending.size() - 3) + " more" : "");
    }
}
