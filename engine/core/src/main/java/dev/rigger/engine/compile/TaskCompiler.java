package dev.rigger.engine.compile;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.spi.check.Suggest;
import dev.rigger.engine.expr.Expression;
import dev.rigger.engine.expr.ExpressionCompiler;
import dev.rigger.engine.expr.HostvarsRef;
import dev.rigger.engine.expr.Template;
import dev.rigger.engine.expr.syntax.TemplateParser;
import dev.rigger.engine.yaml.YNode;
import dev.rigger.engine.model.Play;
import dev.rigger.engine.model.Task;
import dev.rigger.engine.module.FreeForm;
import dev.rigger.engine.module.ModuleRegistry;
import dev.rigger.spi.check.ParamBinder;
import dev.rigger.spi.Module;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles one play's tasks: module found, arguments checked against its spec, expressions compiled. */
final class TaskCompiler {

    /** A play's compiled sections (pre_tasks, tasks, post_tasks) and handlers. */
    record PlayTasks(List<List<CompiledTask>> sections, List<CompiledTask> handlers, Map<String, Object> playVars,
                     List<Map<String, Object>> roleVarSources) { }

    private final ModuleRegistry modules;
    private final ExpressionCompiler ec;
    private final ParamBinder binder = new ParamBinder(dev.rigger.engine.expr.Omit.PLACEHOLDER);
    /** {@code -b}: become is every task's default, below the task's and the play's own {@code become: true}. */
    private final boolean becomeByDefault;

    /** {@code --become-user}/{@code --become-method}: under every task's, block's and play's own, or null. */
    private final Task.BecomeAs becomeAsByDefault;

    TaskCompiler(ModuleRegistry modules, ExpressionCompiler ec, boolean becomeByDefault) {
        this(modules, ec, becomeByDefault, null);
    }

    TaskCompiler(ModuleRegistry modules, ExpressionCompiler ec, boolean becomeByDefault, Task.BecomeAs becomeAsByDefault) {
        this.becomeAsByDefault = becomeAsByDefault;
        this.modules = modules;
        this.ec = ec;
        this.becomeByDefault = becomeByDefault;
    }

    PlayTasks play(Play play, Diagnostics diags) {
        Map<String, Object> playVars = new LinkedHashMap<>();
        // as inventory values: a play or vars_files value that does not compile matters only if read (ReadClosure)
        play.vars().forEach((k, v) -> playVars.put(k, ValueTree.compileDeferringErrors(v, play.location(), ec)));
        RoleVarsCompiler roles = new RoleVarsCompiler(play, ec);
        List<List<CompiledTask>> sections = new ArrayList<>();
        for (List<Task> section : play.sections()) {
            List<CompiledTask> out = new ArrayList<>();
            for (Task t : reachedIncludes(section, diags)) {
                CompiledTask ct = task(t, play, playVars, roles.forTask(t), diags);
                if (ct != null) out.add(ct);
            }
            sections.add(out);
        }
        List<CompiledTask> handlers = new ArrayList<>();
        for (Task t : play.handlers()) {
            CompiledTask ct = task(t, play, playVars, roles.forTask(t), diags);
            if (ct != null) handlers.add(ct);
        }
        checkNotify(play, diags);
        return new PlayTasks(sections, handlers, playVars, roles.sources());
    }

    /**
     * The tasks as hosts meet them, where a file an include reads names a module Rigger lacks:
     * Ansible reads such a file only when a host reaches the include and fails that host there
     * ("couldn't resolve module/action"), running none of the file's tasks; the hosts that do not
     * reach it (another system's branch, as roles have for pacman, pkgng, zypper) are not bothered.
     * So that expansion becomes one {@code fail} task with Ansible's message, where its first task
     * was, under the conditions of reaching the include, and a warning says so at load.
     */
    private List<Task> reachedIncludes(List<Task> section, Diagnostics diags) {
        Map<Task.Included, Task> failing = new java.util.IdentityHashMap<>();
        for (Task t : section) {
            Task.Included in = t.flags().included();
            if (in == null || failing.containsKey(in) || t.metaAction() != null || modules.find(t.module()).isPresent()) continue;
            failing.put(in, t);
            diags.warning(t.moduleLocation(), modules.unknown(t.module()) + ": in a file the include at " + in.at()
                    + " reads when a host reaches it, so, as in Ansible, only a host that reaches it fails, there, without running the file");
        }
        if (failing.isEmpty()) return section;
        List<Task> out = new ArrayList<>();
        java.util.Set<Task.Included> placed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Task t : section) {
            Task.Included in = t.flags().included();
            if (in == null || !failing.containsKey(in)) {
                out.add(t);
            } else if (placed.add(in)) {
                Task bad = failing.get(in);
                out.add(t.failing("couldn't resolve module/action '" + bad.module() + "'. This often indicates a misspelling, missing "
                        + "collection, or incorrect module path. (Rigger: " + bad.moduleLocation() + ", read by the include at " + in.at() + ")"));
            }
        }
        return out;
    }

    /** A play's facts and preflight rules, compiled like every other expression. */
    PlayChecks checks(Play play, List<String> hosts, Map<String, Object> playVars, Diagnostics diags) {
        Map<String, Template> facts = new LinkedHashMap<>();
        play.facts().forEach((k, e) -> ec.template(e.source(), e.location(), diags).ifPresent(t -> facts.put(k, t)));
        List<PlayChecks.Rule> rules = new ArrayList<>();
        for (Play.Rule r : play.preflight()) {
            var assertion = ec.compile(r.assertion().source(), r.assertion().location(), diags);
            var message = ec.template(r.message().source(), r.message().location(), diags);
            if (assertion.isPresent() && message.isPresent()) rules.add(new PlayChecks.Rule(r.name(), assertion.get(), message.get()));
        }
        return new PlayChecks(play.name(), hosts, facts, rules, playVars);
    }

    private void checkNotify(Play play, Diagnostics diags) {
        Set<String> topics = new LinkedHashSet<>();
        for (Task h : play.handlers()) {
            if (h.name() != null) topics.add(h.name());
            topics.addAll(h.listen());
        }
        for (List<Task> section : play.sections()) {
            for (Task t : section) {
                for (String n : t.notifies()) {
                    if (!topics.contains(n)) {
                        diags.error(t.location(), "notify names no handler '" + n + "'" + Suggest.hint(n, topics)
                                + (topics.isEmpty() ? " (this play has no handlers)" : " (handlers: " + String.join(", ", topics) + ")"));
                    }
                }
            }
        }
    }

    private CompiledTask task(Task given, Play play, Map<String, Object> playVars, RoleLayers roles, Diagnostics diags) {
        Task t = given.becomingAs(becomeAsByDefault);
        var found = t.metaAction() != null ? java.util.Optional.<Module>of(MetaAction.INSTANCE) : modules.find(t.module());
        if (found.isEmpty()) {
            diags.error(t.moduleLocation(), modules.unknown(t.module()));
            return null;
        }
        Module m = found.get();
        Map<String, Object> args = args(t, m, diags);
        if (KeyValueArgs.applies(m.name())) args = KeyValueArgs.wrap(m.name(), args, t.moduleLocation(), ec, diags);
        ExpressionArgs.compile(args, m.spec(), param -> locationOf(t, param), ec, diags);
        checkArgs(t, m, args, diags);
        List<Expression> when = new ArrayList<>();
        for (Task.Expr e : t.when()) ec.compile(e.source(), e.location(), diags).ifPresent(when::add);
        Expression changedWhen = expr(t.changedWhen(), diags);
        Expression failedWhen = expr(t.failedWhen(), diags);
        List<Expression> until = new ArrayList<>();
        if (t.until() != null) for (Task.Expr e : t.until().conditions()) ec.compile(e.source(), e.location(), diags).ifPresent(until::add);
        Object loop = t.loop() == null ? null : ValueTree.compile(t.loop(), ec, diags);
        Map<String, Object> vars = new LinkedHashMap<>();
        t.vars().forEach((k, v) -> vars.put(k, ValueTree.compile(v, t.location(), ec, diags)));

        List<Object> environment = new ArrayList<>();
        for (Object layer : t.environment()) environment.add(ValueTree.compile(layer, t.location(), ec, diags));
        Set<String> reads = new LinkedHashSet<>();
        List<HostvarsRef> hostvars = new ArrayList<>();
        ValueTree.reads(args, reads, hostvars);
        ValueTree.reads(environment, reads, hostvars);
        ValueTree.reads(loop, reads, hostvars);
        ValueTree.reads(vars, reads, hostvars);
        List<Expression> exprs = allExprs(when, changedWhen, failedWhen);
        exprs.addAll(until);
        for (Expression e : exprs) {
            reads.addAll(e.rootNames());
            hostvars.addAll(e.hostvarsRefs());
        }
        Template ignoreErrorsIf = flag(t.flags().ignoreErrorsIf(), reads, hostvars, diags);
        Template noLogIf = flag(t.flags().noLogIf(), reads, hostvars, diags);
        Template delegateTo = t.delegation() == null ? null : flag(t.delegation().to(), reads, hostvars, diags);
        if (delegateTo != null && t.loop() != null && delegateTo.rootNames().contains(t.loopVar()) && t.delegation().factsToDelegate()) {
            // each item's facts would go to its own delegate
            diags.error(t.delegation().to().location(), "delegate_facts with delegate_to reading the loop's '" + t.loopVar()
                    + "' is not supported: write one task per delegate, or set the facts in a play on the delegates");
        }
        Template becomeUser = t.becomeAs() == null ? null : flag(t.becomeAs().user(), reads, hostvars, diags);
        boolean become = t.become() != null ? t.become() : play.become() || becomeByDefault;
        return new CompiledTask(t, play, m, args, when, loop, changedWhen, failedWhen, playVars, vars, reads, hostvars, become, roles, until,
                ignoreErrorsIf, noLogIf, delegateTo, environment, becomeUser);
    }

    /** A templated ignore_errors or no_log, compiled and its reads noted; null when written plainly. */
    private Template flag(Task.Expr e, Set<String> reads, List<HostvarsRef> hostvars, Diagnostics diags) {
        if (e == null) return null;
        Template t = ec.template(e.source(), e.location(), diags).orElse(null);
        if (t != null) {
            reads.addAll(t.rootNames());
            hostvars.addAll(t.hostvarsRefs());
        }
        return t;
    }

    private static List<Expression> allExprs(List<Expression> when, Expression a, Expression b) {
        List<Expression> all = new ArrayList<>(when);
        if (a != null) all.add(a);
        if (b != null) all.add(b);
        return all;
    }

    private Expression expr(Task.Expr e, Diagnostics diags) {
        return e == null ? null : ec.compile(e.source(), e.location(), diags).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> args(Task t, Module m, Diagnostics diags) {
        YNode a = t.args();
        if (a == null || (a instanceof YNode.Scalar s && s.value() == null)) return new LinkedHashMap<>();
        if (a instanceof YNode.Scalar s) {
            Map<String, Object> out = new LinkedHashMap<>();
            FreeForm.parse(s.text(), m.spec()).forEach((k, v) -> out.put(k, ValueTree.compile(v, s.location(), ec, diags)));
            return out;
        }
        if (a instanceof YNode.Mapping) return (Map<String, Object>) ValueTree.compile(a, ec, diags);
        diags.error(a.location(), "arguments of module '" + m.name() + "' must be a mapping or a k=v string");
        return new LinkedHashMap<>();
    }

    private void checkArgs(Task t, Module m, Map<String, Object> args, Diagnostics diags) {
        Map<String, Object> known = new LinkedHashMap<>();
        args.forEach((k, v) -> known.put(k, unknownAtLoad(v) ? ParamBinder.DEFERRED : v));
        for (ParamBinder.Problem p : binder.bind(m.name(), m.spec(), known).problems()) {
            diags.error(locationOf(t, p.param()), p.message());
        }
    }

    /**
     * A templated value, or one holding a template that did not compile (already reported, and
     * left as its text): its checks wait for the rendered value rather than report it twice.
     */
    private static boolean unknownAtLoad(Object v) {
        if (ValueTree.isTemplated(v)) return true;
        if (v instanceof String s) return TemplateParser.isPossiblyTemplate(s);
        if (v instanceof Map<?, ?> m) return m.values().stream().anyMatch(TaskCompiler::unknownAtLoad);
        if (v instanceof List<?> l) return l.stream().anyMatch(TaskCompiler::unknownAtLoad);
        return false;
    }

    private static Location locationOf(Task t, String param) {
        if (param != null && t.args() instanceof YNode.Mapping m && m.has(param)) return m.keyLocation(param);
        return t.moduleLocation();
    }
}
