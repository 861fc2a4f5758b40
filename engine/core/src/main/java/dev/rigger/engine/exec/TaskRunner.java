package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledTask;
import dev.rigger.engine.expr.ExpressionException;
import dev.rigger.engine.expr.Unknown;
import dev.rigger.engine.expr.UnknownValueException;
import dev.rigger.engine.plan.Fingerprint;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.Status;
import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@linkplain Prepared prepared} task on one host: each loop item's plan, then (outside
 * check mode) {@link ChangeApplier}; {@code changed_when}/{@code failed_when} judge the result.
 * Every error becomes an outcome; only a lost connection escapes, as the host is then unreachable.
 */
final class TaskRunner {
    private final ChangeApplier applier = new ChangeApplier();
    private final boolean check;
    private final Masker masker;
    private final SecretVars secrets;
    private final byte[] fingerprintKey;
    private final int verbosity;

    /**
     * @param fingerprintKey the key of the changes' {@link Fingerprint}s
     * @param verbosity      the run's {@code -v} count, which a debug task's {@code verbosity} must reach
     */
    TaskRunner(boolean check, Masker masker, java.util.Set<String> secretVars, byte[] fingerprintKey, int verbosity) {
        this.check = check;
        this.verbosity = verbosity;
        this.fingerprintKey = fingerprintKey;
        this.masker = masker;
        this.secrets = new SecretVars(secretVars, masker);
    }

    /** Teaches the masker every secret known before the run, so nothing printed first can hold one. */
    void learnKnownSecrets(dev.rigger.engine.compile.CompiledRun run, VarScope scopes) {
        secrets.learnKnown(run, scopes);
    }

    /** What a task about to apply must still plan to be let through (a saved plan's, see {@link SavedPlanCheck}). */
    interface Expected {
        /** Null when {@code now}, the task's fresh plan as check mode reports it, may apply; else why not. */
        String refusal(TaskOutcome now);
    }

    TaskOutcome run(Prepared p, HostSession host) {
        return run(p, host, null, null);
    }

    /**
     * @param expected  null, or what the task must still plan to apply: then its fresh plans are checked first
     * @param delegates the session of a loop item's own delegate ({@link Prepared.Item#delegate}); null when no item has one
     */
    TaskOutcome run(Prepared p, HostSession host, Expected expected, java.util.function.Function<Delegate, HostSession> delegates) {
        CompiledTask t = p.task();
        secrets.learn(t, p.scope());
        HostSession on = host.with(p.privilege());
        java.util.function.Function<Prepared.Item, HostSession> where = i -> i.delegate() == null || delegates == null ? on
                : delegates.apply(i.delegate()).with(p.privilege());
        TaskOutcome o = runTask(p, on, where, expected == null || dry(t) ? null : expected);
        secrets.learnRegistered(t, o.registered());
        return o;
    }

    /** @param where each item's session: {@code host}, or the item's own delegate's */
    private TaskOutcome runTask(Prepared p, HostSession host, java.util.function.Function<Prepared.Item, HostSession> where, Expected expected) {
        try {
            if (p.error() != null) throw p.error();
            if (p.skippedBy() != null) {
                TaskOutcome skipped = TaskOutcome.of(Status.SKIPPED, "condition false: " + p.skippedBy(), skipped()).planned("skipped");
                String refused = expected == null ? null : expected.refusal(skipped);
                return refused == null ? skipped : TaskOutcome.of(Status.FAILED, refused, failed(refused));
            }
            List<Change> planned = new ArrayList<>();
            if (expected != null) {
                String refused = expected.refusal(planOnly(p, where, planned));
                if (refused != null) return TaskOutcome.of(Status.FAILED, refused, failed(refused));
            }
            // the first item applies the plan just checked; later ones plan again, after it
            if (!p.looped()) return item(p.task(), p.items().get(0), host, planned.isEmpty() ? null : planned.get(0));
            List<TaskOutcome> items = new ArrayList<>();
            List<Object> results = new ArrayList<>();
            for (Prepared.Item i : p.items()) {
                TaskOutcome o = item(p.task(), i, where.apply(i), items.isEmpty() && !planned.isEmpty() ? planned.get(0) : null);
                items.add(o);
                results.add(withItem(o.registered(), i.scope(), p.task().task().loopControl()));
                if (o.status() == Status.FAILED) break;
            }
            return TaskOutcome.fold(items, loopResult(items, results), new Fingerprint(fingerprintKey));
        } catch (UnknownValueException e) {
            return TaskOutcome.of(Status.UNKNOWN, e.reason(), new Unknown(e.reason())).planned("unknown");
        } catch (ExpressionException e) {
            return TaskOutcome.of(Status.FAILED, e.getMessage(), failed(e.getMessage()));
        } catch (ModuleCrash e) {
            String msg = e.located(p.task());
            return TaskOutcome.of(Status.FAILED, msg, failed(msg));
        } catch (ModuleException e) {
            // a module's refusal while declaring its first probes (task preparation), as from plan
            return TaskOutcome.of(Status.FAILED, e.getMessage(), failed(e.getMessage()));
        }
    }

    /** The task's module plans; what it throws of its own is a {@link ModuleCrash}. */
    static Change plan(CompiledTask t, dev.rigger.spi.Params params, HostSession host) {
        return ModuleCrash.guard(t.module(), "plan", () -> t.module().plan(params, host));
    }

    /**
     * An item's registered result with the item in it, as Ansible's loop adds it: under the loop
     * variable's name, with ansible_loop_var (and index_var, ansible_index_var, ansible_loop when
     * loop_control asks for them), so {@code r.results | map(attribute='item')} reads as in Ansible.
     */
    private static Object withItem(Object registered, Map<String, Object> scope, dev.rigger.engine.model.LoopControl lc) {
        if (!(registered instanceof Map<?, ?> m)) return registered;
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        out.put(lc.loopVar(), scope.get(lc.loopVar()));
        out.put("ansible_loop_var", lc.loopVar());
        if (lc.indexVar() != null) {
            out.put(lc.indexVar(), scope.get(lc.indexVar()));
            out.put("ansible_index_var", lc.indexVar());
        }
        if (lc.extended()) out.put("ansible_loop", scope.get("ansible_loop"));
        return out;
    }

    private static Object loopResult(List<TaskOutcome> items, List<Object> results) {
        for (Object r : results) if (r instanceof Unknown u) return u;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changed", items.stream().anyMatch(o -> o.status() == Status.CHANGED));
        m.put("failed", items.stream().anyMatch(o -> o.status() == Status.FAILED));
        m.put("results", results);
        if (items.isEmpty()) {
            m.put("skipped", true);
            m.put("skipped_reason", "No items in the list");
        } else if (items.stream().allMatch(o -> o.status() == Status.SKIPPED)) {
            m.put("skipped", true);
            m.put("msg", "All items skipped");
        }
        return m;
    }

    /**
     * Every item planned as check mode plans it, folded as check mode reports the task; each
     * item's change is added to {@code changes} (null for an item that did not plan).
     */
    private TaskOutcome planOnly(Prepared p, java.util.function.Function<Prepared.Item, HostSession> where, List<Change> changes) {
        List<TaskOutcome> items = new ArrayList<>();
        for (Prepared.Item i : p.items()) {
            Change c = null;
            TaskOutcome o;
            if (i.skippedBy() != null) {
                o = skippedItem(i);
            } else if (i.problems() != null) {
                o = TaskOutcome.of(Status.FAILED, i.problems(), failed(i.problems()));
            } else {
                learnSecrets(p.task(), i.params().values());
                try {
                    c = plan(p.task(), i.params(), where.apply(i));
                    o = Judgement.apply(p.task(), i.scope(), planned(p.task(), c), true).planned(digest(c));
                } catch (ModuleException e) {
                    o = TaskOutcome.of(Status.FAILED, e.getMessage(), failed(e.getMessage()));
                }
            }
            changes.add(c);
            items.add(o);
            if (o.status() == Status.FAILED) break;
        }
        return p.looped() ? TaskOutcome.fold(items, null, new Fingerprint(fingerprintKey)) : items.get(0);
    }

    private String digest(Change change) {
        return new Fingerprint(fingerprintKey).add(change.kind().name()).add(change.diffs(), change.steps()).hex();
    }

    /** One item: plan (unless {@code planned} already is its plan), and apply unless only planning; again while {@code until} does not hold. */
    private TaskOutcome item(CompiledTask t, Prepared.Item item, HostSession host, Change planned) {
        if (item.skippedBy() != null) return skippedItem(item);
        if (item.problems() != null) return TaskOutcome.of(Status.FAILED, item.problems(), failed(item.problems()));
        if (belowVerbosity(t, item.params())) {
            // Ansible's debug action: skipped, never failed, whatever the message would have been
            Map<String, Object> r = skipped();
            r.put("skipped_reason", VERBOSITY_NOT_MET);
            return TaskOutcome.of(Status.SKIPPED, VERBOSITY_NOT_MET, r).planned("skipped");
        }
        if (t.task().until() == null) return attempt(t, item, host, planned, 0);
        return Retries.run(t, item.scope(), dry(t), a -> attempt(t, item, host, a == 1 ? planned : null, a));
    }

    /** One attempt at an item; {@code attempt} (from 1) is registered as {@code attempts} under until, 0 without. */
    private TaskOutcome attempt(CompiledTask t, Prepared.Item item, HostSession host, Change planned, int attempt) {
        BoundParams params = item.params();
        learnSecrets(t, params.values());
        boolean dry = dry(t);
        try {
            Change change = planned != null ? planned : plan(t, params, host);
            TaskOutcome o = Retries.attempts(dry ? planned(t, change) : applier.apply(t, params, host, change), attempt);
            return withMessage(t, params, Judgement.apply(t, item.scope(), o, dry)).planned(digest(change));
        } catch (ModuleException e) {
            return Retries.attempts(TaskOutcome.of(Status.FAILED, e.getMessage(), failed(e.getMessage())), attempt);
        }
    }

    private static final String VERBOSITY_NOT_MET = "Verbosity threshold not met.";

    /** A debug task whose {@code verbosity} is above the run's (ansible-playbook's -v count). */
    private boolean belowVerbosity(CompiledTask t, dev.rigger.spi.Params params) {
        return t.module().name().equals("debug") && params.values().get("verbosity") instanceof Number n && n.intValue() > verbosity;
    }

    /** Whether the task only plans: check mode (the run's, unless the task says otherwise) or its own {@code check_mode}. */
    private boolean dry(CompiledTask t) {
        return Boolean.TRUE.equals(t.task().checkMode()) || (check && !Boolean.FALSE.equals(t.task().checkMode()));
    }

    /**
     * A module's {@code msg} output is the task's message (what {@code debug} prints): a string as
     * it is, another value as Python's json.dumps writes it; debug's {@code var} form, which
     * registers only the expression and its value (as Ansible), prints {@code expression: value}.
     */
    private static TaskOutcome withMessage(CompiledTask t, dev.rigger.spi.Params params, TaskOutcome o) {
        if (!o.message().isEmpty() || !(o.registered() instanceof Map<?, ?> m)) return o;
        if (o.status() != Status.OK && o.status() != Status.CHANGED) return o;
        String text;
        if (m.containsKey("msg")) {
            text = rendered(m.get("msg"));
        } else if (t.module().name().equals("debug") && params.values().get("var") instanceof Map<?, ?> var && !var.isEmpty()) {
            Object expression = var.keySet().iterator().next();
            text = expression + ": " + rendered(m.get(expression));
        } else {
            return o;
        }
        return new TaskOutcome(o.status(), o.changes(), text, o.output(), o.registered(), o.fingerprint());
    }

    private static String rendered(Object value) {
        return value instanceof String s ? s : dev.rigger.engine.expr.lib.Json.render(value);
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

    /** An item whose when is false: skipped, registered as Ansible registers it. */
    private static TaskOutcome skippedItem(Prepared.Item item) {
        Map<String, Object> r = skipped();
        r.put("skip_reason", "Conditional result was False");
        return TaskOutcome.of(Status.SKIPPED, "condition false: " + item.skippedBy(), r).planned("skipped");
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
