package dev.rigger.engine.exec;

import dev.rigger.engine.report.Status;
import dev.rigger.spi.Diff;
import java.util.ArrayList;
import java.util.List;

/** What running one item of a task gave: status, changes, message and the value to register. */
record TaskOutcome(Status status, List<Diff> changes, String message, String output, Object registered,
                   String fingerprint) {

    TaskOutcome(Status status, List<Diff> changes, String message, String output, Object registered) {
        this(status, changes, message, output, registered, "");
    }

    /** The same outcome, remembering the digest of the change it was planned from. */
    TaskOutcome planned(String digest) {
        return new TaskOutcome(status, changes, message, output, registered, digest);
    }

    static TaskOutcome of(Status s, String message, Object registered) {
        return new TaskOutcome(s, List.of(), message, "", registered);
    }

    /** Several loop items folded into one task result, the worst status winning. */
    static TaskOutcome fold(List<TaskOutcome> items, Object registered, dev.rigger.engine.plan.Fingerprint f) {
        Status worst = items.isEmpty() ? Status.SKIPPED : Status.OK;
        List<Diff> changes = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        for (TaskOutcome o : items) {
            if (rank(o.status) > rank(worst)) worst = o.status;
            changes.addAll(o.changes);
            if (!o.message.isEmpty() && !messages.contains(o.message)) messages.add(o.message);
            output.append(o.output);
        }
        // every item skipped, or no item at all ("No items in the list"): the task is skipped, as in Ansible
        if (items.stream().allMatch(o -> o.status == Status.SKIPPED)) worst = Status.SKIPPED;
        else if (worst == Status.SKIPPED) worst = Status.OK;
        for (TaskOutcome o : items) f.add(o.fingerprint);
        return new TaskOutcome(worst, changes, String.join("; ", messages), output.toString(), registered, f.hex());
    }

    private static int rank(Status s) {
        return switch (s) {
            case SKIPPED -> 0;
            case OK -> 1;
            case CHANGED -> 2;
            case IGNORED, RESCUED -> 3;
            case UNKNOWN -> 4;
            case FAILED -> 5;
            case UNREACHABLE -> 6;
        };
    }
}
