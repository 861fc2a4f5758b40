package dev.rigger.engine.exec;

import dev.rigger.engine.expr.Template;
import dev.rigger.engine.load.Values;

import dev.rigger.engine.compile.TaskNode;
import dev.rigger.engine.report.RunListener;
import dev.rigger.engine.report.Status;
import dev.rigger.engine.report.TaskResult;
import dev.rigger.engine.transport.TransportException;

/**
 * Turns one node of a host into its result: the task prepared and run ({@link TaskRunner}) on
 * the host, or on its delegate's connection ({@link Delegate}),
 * judged "known after apply" in check mode, its result registered (and its facts learnt), {@code ignore_errors}
 * applied, a failure a block rescues marked so (with {@code ansible_failed_task} and
 * {@code ansible_failed_result} for the rescue) and {@code no_log} honoured.
 */
final class NodeRunner {
    private final String host;
    private final TaskRunner runner;
    private final Preparations preparations;
    private final Sessions sessions;
    private final RunState state;
    private final RunListener listener;
    private final KnownAfterApply knownAfterApply;
    private final SavedPlanCheck savedPlan;

    /** @param savedPlan null, or the saved plan each task must still plan to apply */
    NodeRunner(String host, TaskRunner runner, Preparations preparations, Sessions sessions, RunState state,
               RunListener listener, boolean check, SavedPlanCheck savedPlan) {
        this.savedPlan = savedPlan;
        this.host = host;
        this.runner = runner;
        this.preparations = preparations;
        this.sessions = sessions;
        this.state = state;
        this.listener = listener;
        this.knownAfterApply = new KnownAfterApply(check);
    }

    /** @throws TransportException when the host cannot be reached: it is then unreachable */
    TaskResult run(TaskNode n) {
        long t0 = System.nanoTime();
        listener.taskStarted(host, n.task().name());
        Prepared p = preparations.take(n);
        HostSession on = p.delegate() != null ? sessions.delegate(host, p.delegate().as(p.privilege()))
                : p.privilege().otherUser() ? sessions.delegate(host, Delegate.asUser(host, p.privilege()))
                : sessions.get(host);
        TaskOutcome o = runner.run(p, on, savedPlan == null ? null : now -> savedPlan.refusal(n, now),
                d -> sessions.delegate(host, d.as(p.privilege())));
        o = knownAfterApply.judge(n, o);
        // delegated or not, the result is the host's; its facts the delegate's under delegate_facts
        if (n.task().task().register() != null) state.register(host, n.task().task().register(), o.registered());
        ResultFacts.apply(p.delegate() == null ? host : p.delegate().factsHost(host), n.task().module().name(), o.registered(), state);
        if ("clear_facts".equals(n.task().task().metaAction()) && o.status() == Status.OK) state.clearFacts(host);
        // the next task logs in anew (its own connection, so groups added since are the login's), as Ansible's reset_connection
        if ("reset_connection".equals(n.task().task().metaAction()) && o.status() == Status.OK) sessions.close(host);
        // ignore_errors never lets a host past a refused saved plan
        boolean refused = savedPlan != null && o.message().startsWith(SavedPlanCheck.REFUSED);
        boolean ignoreErrors = n.task().task().ignoresErrors() || flag(n.task().ignoreErrorsIf(), p, false);
        Status status = o.status() == Status.FAILED && ignoreErrors && !refused ? Status.IGNORED : o.status();
        if (status == Status.FAILED && n.task().task().rescued() && !refused) {
            status = Status.RESCUED;
            rescuing(n, o);
        }
        TaskResult r = new TaskResult(host, n.index(), n.task().name(), n.task().module().name(), status, o.changes(),
                o.message(), o.output(), (System.nanoTime() - t0) / 1_000_000, o.fingerprint());
        return n.task().task().hidesLog() || flag(n.task().noLogIf(), p, true) ? NoLog.redacted(r) : r;
    }

    /**
     * A templated ignore_errors or no_log, rendered in the task's scope and read as Ansible's
     * boolean() reads it (yes/on/true/1, else false); {@code unsure} when it cannot be rendered or
     * is not known yet in check mode: true for no_log, so output never leaks because of its own
     * template, false for ignore_errors, so a failure is never hidden by one.
     */
    private static boolean flag(Template t, Prepared p, boolean unsure) {
        if (t == null) return false;
        try {
            Object v = t.render(p.scope());
            if (v instanceof dev.rigger.engine.expr.Unknown) return unsure;
            return Boolean.TRUE.equals(dev.rigger.spi.check.ParamBinder.toBool(v));
        } catch (RuntimeException e) {
            return unsure;
        }
    }

    /** What the rescue reads, as Ansible sets it: the failed task and its result. */
    private void rescuing(TaskNode n, TaskOutcome o) {
        java.util.Map<String, Object> task = new java.util.LinkedHashMap<>();
        task.put("name", n.task().name());
        task.put("action", n.task().module().name());
        state.register(host, "ansible_failed_task", task);
        state.register(host, "ansible_failed_result", o.registered());
    }
}
