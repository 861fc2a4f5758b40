package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledTask;
import dev.rigger.engine.compile.ValueTree;
import dev.rigger.engine.expr.Expression;
import dev.rigger.engine.expr.ExpressionException;
import dev.rigger.engine.expr.Unknown;
import dev.rigger.engine.expr.UnknownValueException;
import dev.rigger.engine.module.ParamBinder;
import dev.rigger.engine.plan.Fingerprint;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.Status;
import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one task on one host: conditions, loop items, argument rendering and binding, then the
 * module's plan and (outside check mode) {@link ChangeApplier}. Every error becomes an outcome;
 * only a lost connection escapes, as the host is then unreachable.
 */
final class TaskRunner {
    private final ParamBinder binder = new ParamBinder();
    private final ChangeApplier applier = new ChangeApplier();
    private final boolean check;
    private final Duration defaultTimeout;
    private final Masker masker;
    private final SecretVars secrets;
    private final String becomePassword;

    /** @param becomePassword sudo's password where no {@code ansible_become_password} variable gives one, or null */
    TaskRunner(boolean check, Duration defaultTimeout, Masker masker, java.util.Set<String> secretVars, String becomePassword) {
        this.check = check;
        this.defaultTimeout = defaultTimeout;
        this.masker = masker;
        this.secrets = new SecretVars(secretVars, masker);
        this.becomePassword = becomePassword;
        masker.add(becomePassword);
    }

    /** Teaches the masker every secret known before the run, so nothing printed first can hold one. */
    void learnKnownSecrets(dev.rigger.engine.compile.CompiledRun run, VarScope scopes) {
        secrets.learnKnown(run, scopes);
    }

    TaskOutcome run(CompiledTask t, Map<String, Object> scope, HostSession host) {
        secrets.learn(t, scope);
        TaskOutcome o = runTask(t, scope, host);
        secrets.learnRegistered(t, o.registered());
        return o;
    }

    private TaskOutcome runTask(CompiledTask t, Map<String, Object> scope, HostSession host) {
        try {
            for (Expression w : t.when()) {
                if (!w.test(scope)) return TaskOutcome.of(Status.SKIPPED, "condition false: " + w.source(), skipped()).planned("skipped");
            }
            if (t.loop() == null) return item(t, scope, host);
            List<TaskOutcome> items = new ArrayList<>();
            List<Object> results = new ArrayList<>();
            for (Map<String, Object> s : itemScopes(t, scope)) {
                TaskOutcome o = item(t, s, host);
                items.add(o);
                results.add(o.registered());
                if (o.status() == Status.FAILED) break;
            }
            return TaskOutcome.fold(items, loopResult(items, results));
        } catch (UnknownValueException e) {
            return TaskOutcome.of(Status.UNKNOWN, e.reason(), new Unknown(e.reason())).planned("unknown");
        } catch (ExpressionException e) {
            return TaskOutcome.of(Status.FAILED, e.getMessage(), failed(e.getMessage()));
        }
    }

    /** One scope per loop item (the item under the loop variable), or the task's own without a loop. */
    private static List<Map<String, Object>> itemScopes(CompiledTask t, Map<String, Object> scope) {
        if (t.loop() == null) return List.of(scope);
        Object v = ValueTree.render(t.loop(), scope);
        if (v instanceof Unknown u) throw new UnknownValueException(u.reason());
        if (!(v instanceof List<?> items)) {
            throw new ExpressionException(t.task().location(), "loop must be a list, got " + (v == null ? "nothing" : v.getClass().getSimpleName()));
        }
        List<Map<String, Object>> scopes = new ArrayList<>();
        for (Object item : items) {
            scopes.add(Scopes.with(scope, t.task().loopVar(), item));
        }
        return scopes;
    }

    /** The task's arguments rendered in {@code scope} and bound to its module's spec. */
    @SuppressWarnings("unchecked")
    private ParamBinder.Bound bind(CompiledTask t, Map<String, Object> scope) {
        Map<String, Object> rendered = (Map<String, Object>) ValueTree.render(t.args(), scope);
        return binder.bind(t.module().name(), t.module().spec(), rendered);
    }

    private static Object loopResult(List<TaskOutcome> items, List<Object> results) {
        for (Object r : results) if (r instanceof Unknown u) return u;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changed", items.stream().anyMatch(o -> o.status() == Status.CHANGED));
        m.put("failed", items.stream().anyMatch(o -> o.status() == Status.FAILED));
        m.put("results", results);
        return m;
    }

    /** One item: render, bind, plan, and apply unless checking. */
    private TaskOutcome item(CompiledTask t, Map<String, Object> scope, HostSession host) {
        ParamBinder.Bound bound = bind(t, scope);
        if (!bound.ok()) {
            String msg = bound.failure(t.task().moduleLocation());
            return TaskOutcome.of(Status.FAILED, msg, failed(msg));
        }
        learnSecrets(t, bound.values());
        BoundParams params = new BoundParams(bound.values(), t.task().baseDir(), scope);
        boolean dry = dry(t);
        HostSession h = planning(t, scope, host);
        try {
            Change change = t.module().plan(params, h);
            TaskOutcome o = dry ? planned(t, change) : applier.apply(t, params, h, change);
            String digest = new Fingerprint().add(change.kind().name()).add(change.diffs(), change.steps()).hex();
            return withMessage(Judgement.apply(t, scope, o, dry)).planned(digest);
        } catch (ModuleException e) {
            return TaskOutcome.of(Status.FAILED, e.getMessage(), failed(e.getMessage()));
        }
    }

    /** Whether the task only plans: check mode (the run's, unless the task says otherwise) or its own {@code check_mode}. */
    private boolean dry(CompiledTask t) {
        return Boolean.TRUE.equals(t.task().checkMode()) || (check && !Boolean.FALSE.equals(t.task().checkMode()));
    }

    /** The host as the task's plan sees it: previewing when the task only plans, else acting (see {@link dev.rigger.spi.Host#previewing()}). */
    private HostSession planning(CompiledTask t, Map<String, Object> scope, HostSession host) {
        HostSession h = as(t, scope, host);
        return dry(t) ? h : h.acting();
    }

    /** The host as the task sees it: its privilege (with the become password, if any) and timeout. */
    HostSession as(CompiledTask t, Map<String, Object> scope, HostSession host) {
        return host.with(t.become(), becomePassword(scope), timeout(t));
    }

    /** How long each command of the task may run: its own {@code timeout}, else the run's. */
    Duration timeout(CompiledTask t) {
        return t.task().timeout() != null ? Duration.ofSeconds(t.task().timeout()) : defaultTimeout;
    }

    /**
     * The probes this task's plan asks first on the host, for fetching them ahead together with
     * other tasks'; none when they cannot be known before the tasks ahead of it have run (a
     * condition or value from a registered result, a module that asks nothing).
     */
    List<Probe> firstProbes(CompiledTask t, Map<String, Object> scope, HostSession host) {
        try {
            for (Expression w : t.when()) {
                if (!w.test(scope)) return List.of();
            }
            List<Probe> probes = new ArrayList<>();
            for (Map<String, Object> s : itemScopes(t, scope)) {
                ParamBinder.Bound bound = bind(t, s);
                if (!bound.ok()) return probes;
                probes.addAll(ProbeRecorder.firstAsked(t.module(), new BoundParams(bound.values(), t.task().baseDir(), s), planning(t, s, host)));
            }
            return probes;
        } catch (RuntimeException e) {
            return List.of(); // not knowable yet: the task probes live when its turn comes
        }
    }

    /** As Ansible: {@code ansible_become_password} (or {@code _pass}), else the run's; masked by {@link SecretVars}. */
    private String becomePassword(Map<String, Object> scope) {
        for (String name : SecretVars.BECOME_PASSWORDS) {
            if (scope.get(name) instanceof String s) return s;
            if (scope.get(name) instanceof Number n) return n.toString();
        }
        return becomePassword;
    }

    /** A module's {@code msg} output is the task's message (what {@code debug} prints). */
    private static TaskOutcome withMessage(TaskOutcome o) {
        if (!o.message().isEmpty() || !(o.registered() instanceof Map<?, ?> m) || !(m.get("msg") instanceof String msg)) return o;
        if (o.status() != Status.OK && o.status() != Status.CHANGED) return o;
        return new TaskOutcome(o.status(), o.changes(), msg, o.output(), o.registered(), o.fingerprint());
    }

    /** Values of parameters declared secret are masked in every output from now on. */
    private void learnSecrets(CompiledTask t, Map<String, Object> values) {
        for (var p : t.module().spec().params()) {
            if (p.isSecret() && values.get(p.name()) != null) masker.add(String.valueOf(values.get(p.name())));
        }
    }

    /** Check mode: what would happen; a pending change's results are not known yet. */
    private static TaskOutcome planned(CompiledTask t, Change c) {
        return switch (c.kind()) {
            case NONE -> new TaskOutcome(Status.OK, List.of(), "", "", Results.unchanged(c.outputs()));
            case UNKNOWN -> TaskOutcome.of(Status.UNKNOWN, c.reason(), new Unknown(c.reason()));
            case CHANGE -> new TaskOutcome(Status.CHANGED, c.diffs(), "", "",
                    new Unknown("'" + t.name() + "' has a pending change (check mode)"));
        };
    }

    private static Map<String, Object> skipped() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changed", false);
        m.put("skipped", true);
        return m;
    }

    static Map<String, Object> failed(String msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changed", false);
        m.put("failed", true);
        m.put("msg", msg);
        return m;
    }
}
