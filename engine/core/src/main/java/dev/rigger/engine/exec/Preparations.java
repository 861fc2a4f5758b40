package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledTask;
import dev.rigger.engine.compile.TaskNode;
import dev.rigger.engine.compile.ValueTree;
import dev.rigger.engine.expr.Expression;
import dev.rigger.engine.expr.ExpressionException;
import dev.rigger.engine.expr.WithLookup;
import dev.rigger.engine.expr.Unknown;
import dev.rigger.engine.expr.UnknownValueException;
import dev.rigger.engine.expr.eval.LoopInfo;
import dev.rigger.engine.model.LoopControl;
import dev.rigger.spi.check.ParamBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepares one host's tasks ({@link Prepared}), each once: the prefetcher prepares coming tasks
 * to learn their first probes, and the task then runs with that same preparation (the same
 * bound arguments, so local files are read once), unless a result was registered on the host
 * in between, which may change what the task sees: then it is prepared again.
 */
final class Preparations {
    private final String host;
    private final VarScope scopes;
    private final RunState state;
    private final Duration defaultTimeout;
    private final String becomePassword;
    private final ParamBinder binder = new ParamBinder(dev.rigger.engine.expr.Omit.PLACEHOLDER);
    private final Map<TaskNode, Prepared> ready = new ConcurrentHashMap<>();

    /** @param becomePassword sudo's password where no {@code ansible_become_password} variable gives one, or null */
    Preparations(String host, VarScope scopes, RunState state, Duration defaultTimeout, String becomePassword) {
        this.host = host;
        this.scopes = scopes;
        this.state = state;
        this.defaultTimeout = defaultTimeout;
        this.becomePassword = becomePassword;
    }

    /** {@code n} prepared, now or earlier if nothing was registered on the host since. */
    Prepared of(TaskNode n) {
        Prepared p = ready.get(n);
        if (p != null && p.generation() == state.registrations(host)) return p;
        p = prepare(n);
        ready.put(n, p);
        return p;
    }

    /** As {@link #of}, for the node about to run: it is not kept. */
    Prepared take(TaskNode n) {
        Prepared p = of(n);
        ready.remove(n);
        return p;
    }

    /**
     * {@code n} prepared before the host's facts are known, to learn what it will probe: not kept;
     * a {@code when} that cannot be decided yet (it reads a fact) is taken as true, and an argument
     * that cannot be rendered yet stands as {@link #PENDING}. What this
     * fetches ahead is an answer the host gave; a task whose preparation differs asks anew.
     */
    Prepared speculate(TaskNode n) {
        return prepare(n, true);
    }

    private Prepared prepare(TaskNode n) {
        return prepare(n, false);
    }

    private Prepared prepare(TaskNode n, boolean speculative) {
        CompiledTask t = n.task();
        int generation = state.registrations(host);
        Map<String, Object> scope = scopes.forNode(host, t, n);
        Privilege privilege = new Privilege(t.become(), null, timeout(t));
        try {
            privilege = new Privilege(t.become(), becomePassword(scope), timeout(t), environment(t, scope), becomeUser(t, scope),
                    t.task().becomeAs() != null && "su".equals(t.task().becomeAs().method()));
            // as Ansible: a looped task's when is tested on each item; on the task's scope only when there is no loop,
            // or when its items cannot be rendered (a false condition then skips the task instead of failing it)
            List<Map<String, Object>> scopes = null;
            RuntimeException loopError = null;
            if (t.loop() != null) {
                try {
                    scopes = itemScopes(t, scope);
                } catch (ExpressionException | UnknownValueException e) {
                    loopError = e;
                }
            }
            if (scopes == null) {
                String skippedBy;
                try {
                    skippedBy = falseCondition(t, scope, speculative);
                } catch (RuntimeException e) {
                    // a when reading the item cannot be tested without items: the loop's own error is the one to report (Ansible's too)
                    if (loopError != null) throw loopError;
                    throw e;
                }
                if (skippedBy != null) return new Prepared(t, scope, privilege, skippedBy, List.of(), t.loop() != null, null, generation, null);
                if (loopError != null) throw loopError;
                scopes = List.of(scope);
            }
            // delegate_to reading the loop variable: each item on its own delegate, as Ansible
            boolean perItem = t.delegateTo() != null && t.loop() != null && t.delegateTo().rootNames().contains(t.task().loopVar());
            Delegate delegate = perItem ? null : delegate(t, scope);
            List<Prepared.Item> items = new ArrayList<>();
            for (Map<String, Object> s : scopes) {
                String skippedBy = t.loop() == null ? null : falseCondition(t, s, speculative);
                if (skippedBy != null) {
                    items.add(Prepared.Item.skipped(s, skippedBy));
                } else {
                    items.add(perItem ? item(t, s, speculative).on(delegate(t, s)) : item(t, s, speculative));
                }
            }
            return new Prepared(t, scope, privilege, null, items, t.loop() != null, null, generation, delegate);
        } catch (RuntimeException e) {
            return new Prepared(t, scope, privilege, null, List.of(), t.loop() != null, e, generation, null);
        }
    }

    /** The first of the task's conditions that is false in {@code scope}, or null when all hold. */
    private static String falseCondition(CompiledTask t, Map<String, Object> scope, boolean speculative) {
        for (Expression w : t.when()) {
            if (!holds(w, scope, speculative)) return w.source();
        }
        return null;
    }

    private static boolean holds(Expression when, Map<String, Object> scope, boolean undecidedHolds) {
        if (!undecidedHolds) return when.test(scope);
        try {
            return when.test(scope);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * The task's {@code environment} on this host, as Ansible computes it: each layer (play, role,
     * blocks, task) rendered in the task's scope and laid over the ones before, name by name
     * (no deeper merge); values as Python's str() writes them. A name the shell cannot export fails the task.
     */
    private static Map<String, String> environment(CompiledTask t, Map<String, Object> scope) {
        if (t.environment().isEmpty()) return Map.of();
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (Object layer : t.environment()) {
            Object v = ValueTree.render(layer, scope);
            if (v instanceof Unknown u) throw new UnknownValueException(u.reason());
            if (v == null || (v instanceof String s && s.isEmpty())) continue;
            if (!(v instanceof Map<?, ?> m)) {
                throw new ExpressionException(t.task().location(), "environment must be a mapping, got " + dev.rigger.engine.expr.eval.Py.repr(v));
            }
            for (var e : m.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new ExpressionException(t.task().location(), "environment name '" + name + "' is no shell variable name");
                }
                if (e.getValue() instanceof Unknown u) throw new UnknownValueException(u.reason());
                env.put(name, dev.rigger.engine.expr.eval.Py.str(e.getValue()));
            }
        }
        return env;
    }

    /** {@code become_user} rendered on this host (root without one); only read when the task becomes. */
    private static String becomeUser(CompiledTask t, Map<String, Object> scope) {
        if (!t.become() || t.becomeUser() == null) return Privilege.ROOT;
        Object v = t.becomeUser().render(scope);
        if (v instanceof Unknown u) throw new UnknownValueException(u.reason());
        String user = v == null ? "" : String.valueOf(v).strip();
        if (!user.matches("[A-Za-z0-9_][A-Za-z0-9_.@-]*\\$?")) {
            throw new ExpressionException(t.task().becomeAs().user().location(), "become_user gives '" + user + "', which is no user name");
        }
        return user;
    }

    /** The task's delegation on this host: {@code delegate_to} rendered in its scope (after {@code when}, as Ansible). */
    private Delegate delegate(CompiledTask t, Map<String, Object> scope) {
        var d = t.task().delegation();
        if (d == null) return null;
        if (d.local()) return new Delegate("localhost", true, false);
        Object v = t.delegateTo().render(scope);
        if (v instanceof Unknown u) throw new UnknownValueException(u.reason());
        String name = v == null ? "" : String.valueOf(v).strip();
        if (name.isEmpty() || name.contains(" ")) {
            throw new ExpressionException(d.to().location(), "delegate_to gives '" + name + "', which names no host");
        }
        Delegate delegate = new Delegate(name, false, d.factsToDelegate());
        return delegate.isSelf(host) ? null : delegate;
    }

    /** One scope per loop item (the item under the loop variable), or the task's own without a loop. */
    private static List<Map<String, Object>> itemScopes(CompiledTask t, Map<String, Object> scope) {
        if (t.loop() == null) return List.of(scope);
        Object v = ValueTree.render(t.loop(), scope);
        if (v instanceof Unknown u) throw new UnknownValueException(u.reason());
        LoopControl lc = t.task().loopControl();
        if (lc.lookup() != null && LoopLookups.LOOKUPS.contains(lc.lookup())) {
            try {
                v = LoopLookups.items(lc.lookup(), v);
            } catch (IllegalArgumentException e) {
                throw new ExpressionException(t.task().location(), e.getMessage());
            }
        } else if (lc.lookup() != null) {
            v = WithLookup.items(lc.lookup(), LoopLookups.terms(v), lookupSubdir(t.task().module()), scope, t.task().location());
        }
        if (!(v instanceof List<?> items)) {
            throw new ExpressionException(t.task().location(), "loop must be a list, got " + (v == null ? "nothing" : v.getClass().getSimpleName()));
        }
        List<Map<String, Object>> scopes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) scopes.add(Scopes.with(scope, loopVars(lc, items, i)));
        return scopes;
    }

    /** Where a with_first_found of this module looks, as Ansible's task executor sets it: the first of template, var, file in the action's name. */
    static String lookupSubdir(String action) {
        for (String subdir : List.of("template", "var", "file")) {
            if (action.contains(subdir)) return subdir + "s";
        }
        return "files";
    }

    /** An item's variables: the item, ansible_loop_var, and what loop_control asks (index_var, ansible_loop). */
    private static Map<String, Object> loopVars(LoopControl lc, List<?> items, int i) {
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put(lc.loopVar(), items.get(i));
        vars.put("ansible_loop_var", lc.loopVar());
        if (lc.indexVar() != null) {
            vars.put(lc.indexVar(), (long) i);
            vars.put("ansible_index_var", lc.indexVar());
        }
        if (lc.extended()) {
            // as Ansible's loop_control.extended
            Map<String, Object> loop = new java.util.LinkedHashMap<>();
            if (lc.allItems()) loop.put("allitems", items);
            LoopInfo.putPosition(loop, items, i);
            LoopInfo.putNeighbours(loop, items, i);
            vars.put("ansible_loop", loop);
        }
        return vars;
    }

    /** The task's arguments rendered in the item's scope and bound to its module's spec. */
    @SuppressWarnings("unchecked")
    private Prepared.Item item(CompiledTask t, Map<String, Object> scope, boolean speculative) {
        Map<String, Object> rendered = (Map<String, Object>) (speculative ? renderOrPending(t.args(), scope) : ValueTree.render(t.args(), scope));
        ParamBinder.Bound bound = binder.bind(t.module().name(), t.module().spec(), rendered);
        if (!bound.ok()) {
            return new Prepared.Item(scope, null, List.of(), t.task().moduleLocation().lead(bound.message()));
        }
        BoundParams params = new BoundParams(bound.values(), t.task().searchDirs(t.play().baseDir()), scope);
        return new Prepared.Item(scope, params, FirstProbes.of(t.module(), params), null);
    }

    /**
     * What a task's arguments would be once the facts are known, for {@link #speculate}: a value
     * that reads them (it cannot be rendered yet) stands as {@link #PENDING}. A module's first
     * probes seldom depend on it (copy's content, not its dest); where they do, they ask about
     * no real path, which only costs the host a read.
     */
    private static Object renderOrPending(Object tree, Map<String, Object> scope) {
        if (tree instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), renderOrPending(v, scope)));
            return out;
        }
        if (tree instanceof List<?> l) return l.stream().map(o -> renderOrPending(o, scope)).toList();
        try {
            return ValueTree.render(tree, scope);
        } catch (RuntimeException e) {
            return PENDING;
        }
    }

    static final String PENDING = "rigger-value-pending-facts";

    /** How long each command of the task may run: its own {@code timeout}, else the run's. */
    private Duration timeout(CompiledTask t) {
        return t.task().timeout() != null ? Duration.ofSeconds(t.task().timeout()) : defaultTimeout;
    }

    /** As Ansible: {@code ansible_become_password} (or {@code _pass}), else the run's; masked by {@link SecretVars}. */
    private String becomePassword(Map<String, Object> scope) {
        for (String name : SecretVars.BECOME_PASSWORDS) {
            if (scope.get(name) instanceof String s) return s;
            if (scope.get(name) instanceof Number n) return n.toString();
        }
        return becomePassword;
    }
}
