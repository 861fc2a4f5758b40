package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledTask;
import dev.rigger.engine.expr.Expression;
import dev.rigger.engine.expr.UnknownValueException;
import dev.rigger.engine.model.Task;
import dev.rigger.engine.report.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code until}/{@code retries}/{@code delay} as Ansible 2.14's TaskExecutor runs them: retries
 * + 1 attempts (1 when retries is 0 or less), each result registered with {@code attempts} before
 * {@code changed_when}/{@code failed_when} and {@code until} read it, {@code delay} seconds
 * between attempts; when no attempt satisfied until the result is failed with {@code attempts}
 * set to the attempts made less one, as Ansible reports it. In check mode an until that reads a
 * result known only after apply leaves the planned result as it is.
 */
final class Retries {
    private Retries() { }

    static TaskOutcome run(CompiledTask t, Map<String, Object> scope, boolean dry, IntFunction<TaskOutcome> attempt) {
        Task.Until u = t.task().until();
        int total = u.retries() <= 0 ? 1 : u.retries() + 1;
        TaskOutcome o = null;
        for (int a = 1; a <= total; a++) {
            o = attempt.apply(a);
            Map<String, Object> s = t.task().register() == null ? scope : Scopes.with(scope, t.task().register(), o.registered());
            try {
                if (holds(t, s)) return o;
            } catch (UnknownValueException e) {
                if (dry) return o;
                throw e;
            }
            if (a < total) pause(u.delay());
        }
        if (total == 1) return o;
        String msg = o.message().isEmpty() ? "until not true after " + total + " attempts" : o.message();
        return new TaskOutcome(Status.FAILED, o.changes(), msg, o.output(), exhausted(o.registered(), total - 1), o.fingerprint());
    }

    private static boolean holds(CompiledTask t, Map<String, Object> scope) {
        for (Expression e : t.until()) if (!e.test(scope)) return false;
        return true;
    }

    /** The outcome with {@code attempts} in its registered result (unchanged when {@code attempt} is 0: no until). */
    static TaskOutcome attempts(TaskOutcome o, int attempt) {
        if (attempt == 0 || !(o.registered() instanceof Map<?, ?> m)) return o;
        Map<String, Object> r = copy(m);
        r.put("attempts", attempt);
        return new TaskOutcome(o.status(), o.changes(), o.message(), o.output(), r, o.fingerprint());
    }

    private static Object exhausted(Object registered, int attempts) {
        if (!(registered instanceof Map<?, ?> m)) return registered;
        Map<String, Object> r = copy(m);
        r.put("attempts", attempts);
        r.put("failed", true);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<?, ?> m) {
        return new LinkedHashMap<>((Map<String, Object>) m);
    }

    private static void pause(int seconds) {
        if (seconds <= 0) return;
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.rigger.engine.transport.TransportException("interrupted while waiting to retry", e);
        }
    }
}
