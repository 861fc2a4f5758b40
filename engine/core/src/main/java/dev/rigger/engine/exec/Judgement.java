package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledTask;
import dev.rigger.engine.expr.UnknownValueException;
import dev.rigger.engine.report.Status;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code changed_when} and {@code failed_when}: the operator's verdict over the task's result,
 * bound under its {@code register} name. In check mode a verdict that needs a result not known
 * yet leaves the planned status as it is.
 */
final class Judgement {
    private Judgement() { }

    static TaskOutcome apply(CompiledTask t, Map<String, Object> scope, TaskOutcome o, boolean dry) {
        if (t.changedWhen() == null && t.failedWhen() == null) return o;
        if (o.status() == Status.FAILED && t.failedWhen() == null) return o;
        Map<String, Object> s = t.task().register() == null ? scope
                : Scopes.with(scope, t.task().register(), o.registered());
        try {
            Status status = o.status();
            if (t.changedWhen() != null && status != Status.FAILED) {
                status = t.changedWhen().test(s) ? Status.CHANGED : Status.OK;
            }
            if (t.failedWhen() != null) {
                boolean failed = t.failedWhen().test(s);
                if (failed) status = Status.FAILED;
                else if (status == Status.FAILED) status = Status.OK;
            }
            var changes = status == Status.CHANGED || status == Status.FAILED ? o.changes() : java.util.List.<dev.rigger.spi.Diff>of();
            return new TaskOutcome(status, changes, status == Status.FAILED && o.message().isEmpty()
                    ? "failed_when: " + t.failedWhen().source() : o.message(), o.output(), verdict(o.registered(), status), o.fingerprint());
        } catch (UnknownValueException e) {
            if (dry) return o;
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static Object verdict(Object registered, Status status) {
        if (!(registered instanceof Map<?, ?> m)) return registered;
        Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) m);
        out.put("changed", status == Status.CHANGED);
        out.put("failed", status == Status.FAILED);
        return out;
    }
}
