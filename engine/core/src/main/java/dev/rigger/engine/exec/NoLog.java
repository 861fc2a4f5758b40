package dev.rigger.engine.exec;

import dev.rigger.engine.report.TaskResult;
import dev.rigger.spi.Diff;
import java.util.List;

/** {@code no_log}: the outcome counts, but nothing the task saw or changed is shown anywhere. */
final class NoLog {
    private NoLog() { }

    static TaskResult redacted(TaskResult r) {
        return new TaskResult(r.host(), r.index(), r.task(), r.module(), r.status(),
                r.changes().isEmpty() ? List.of() : List.of(Diff.update("(changes hidden: no_log)", null, null)),
                r.message().isEmpty() ? "" : "(message hidden: no_log)", "", r.durationMs(), r.fingerprint());
    }
}
