package dev.rigger.engine.model;

import dev.rigger.engine.diag.Location;
import dev.rigger.engine.yaml.YNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * One task as written: a module call plus the keywords around it. Expressions are still source
 * text here; the compiler turns them into checked {@code Expression}s.
 *
 * @param args     the module's arguments as written (a mapping, or a free-form string scalar)
 * @param when     the conditions, all of which must hold (a list in YAML is an "and")
 * @param listen   for handlers: extra topics that notify it
 * @param baseDir  the folder of the file the task was written in ({@code src:} files resolve there)
 * @param role     the role the task was written in, or null
 * @param includeTags the {@code tags} of each dynamic include around the task: as in Ansible, they
 *                 select the include, not its tasks, so the task runs only when each of them selects
 * @param blocks   the blocks around the task, outermost first (empty outside any block)
 * @param until    {@code until} with its {@code retries} and {@code delay}, or null
 * @param runOnce  {@code run_once}: the task runs on the first host of the batch, its result given to every host of it
 * @param delegation where the task runs instead of its host ({@code delegate_to}, {@code local_action},
 *                 {@code connection: local}), or null
 * @param environment the {@code environment} mappings (or templates giving one) of the play, role, blocks
 *                 and task, outermost first: merged in that order, the inner one's names win, as Ansible
 * @param becomeAs {@code become_user} and {@code become_method} (the innermost of task, blocks and play), or null: root through sudo
 * @param throttle {@code throttle}: at most this many hosts run the task at once (the innermost of task, blocks and play), or 0: no limit
 * @param ignoreUnreachable {@code ignore_unreachable}: the host unreachable on this task goes on with the next (task, block or play)
 *
 * The boolean keywords a block, role, import or apply hands down ({@code ignoreErrors}, {@code noLog},
 * {@code runOnce}, {@code ignoreUnreachable}, {@code checkMode}, {@code become}, {@code delegation.facts})
 * are null where neither the task nor anything around it sets them: as in Ansible, the nearest
 * explicit value wins (a task's {@code ignore_errors: false} inside a block's {@code true} does not
 * ignore), and unset is false ({@link #ignoresErrors()} and its siblings read them so).
 */
public record Task(String name, String module, Location moduleLocation, YNode args,
                   List<Expr> when, YNode loop, LoopControl loopControl, String register,
                   List<String> notifies, List<String> listen, List<String> tags,
                   Boolean ignoreErrors, Expr changedWhen, Expr failedWhen, Boolean checkMode,
                   List<Need> needs, Boolean become, Boolean noLog, Map<String, Object> vars,
                   Integer timeout, Path baseDir, Location location, Role role, List<List<String>> includeTags,
                   List<BlockFrame> blocks, Until until, Boolean runOnce, Flags flags, Delegation delegation,
                   List<Object> environment, BecomeAs becomeAs, int throttle, Boolean ignoreUnreachable) {

    /**
     * {@code until}: the task runs again (after {@code delay} seconds) while the conditions do not
     * all hold, {@code retries} more times at most, as Ansible (which runs retries + 1 attempts).
     */
    public record Until(List<Expr> conditions, int retries, int delay) {
        public Until {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * Where a task runs instead of its host, as Ansible delegates: on the delegate's connection,
     * with the host's variables, its result registered on the host.
     *
     * @param to    {@code delegate_to} as written (a template or a host name); null with {@code local} only
     * @param local on the machine Rigger runs on ({@code connection: local}), whatever {@code to} says
     * @param facts {@code delegate_facts}: facts the task sets go to the delegate, not the host
     */
    public record Delegation(Expr to, boolean local, Boolean facts) {
        /** Whether facts go to the delegate ({@code delegate_facts} as set here or around; unset: no). */
        public boolean factsToDelegate() {
            return Boolean.TRUE.equals(facts);
        }
    }

    /**
     * Whom {@code become} becomes, and how (Ansible's {@code become_user} and {@code become_method}).
     *
     * @param user   the user as written (a template or a name); null: root
     * @param method {@code sudo} or {@code su}; null: sudo
     */
    public record BecomeAs(Expr user, String method) {
        /** This one's parts, each where set, else {@code outer}'s (a block's or play's). */
        public BecomeAs under(BecomeAs outer) {
            if (outer == null) return this;
            return new BecomeAs(user != null ? user : outer.user(), method != null ? method : outer.method());
        }
    }

    /** This task becoming as {@code outer} says (a block's or play's) where it says nothing itself. */
    public Task becomingAs(BecomeAs outer) {
        if (outer == null) return this;
        BecomeAs as = becomeAs == null ? outer : becomeAs.under(outer);
        return new Task(name, module, moduleLocation, args, when, loop, loopControl, register, notifies, listen, tags,
                ignoreErrors, changedWhen, failedWhen, checkMode, needs, become, noLog, vars, timeout, baseDir, location, role,
                includeTags, blocks, until, runOnce, flags, delegation, environment, as, throttle, ignoreUnreachable);
    }

    /** This task throttled as {@code outer} says (a block's or play's, 0: none) where it says nothing itself. */
    public Task throttled(int outer) {
        if (outer == 0 || throttle != 0) return this;
        return new Task(name, module, moduleLocation, args, when, loop, loopControl, register, notifies, listen, tags,
                ignoreErrors, changedWhen, failedWhen, checkMode, needs, become, noLog, vars, timeout, baseDir, location, role,
                includeTags, blocks, until, runOnce, flags, delegation, environment, becomeAs, outer, ignoreUnreachable);
    }

    /** This task with {@code ignore_unreachable: true} (a play's, the outermost: only where nothing nearer sets it). */
    public Task ignoringUnreachable() {
        return ignoringUnreachable(true);
    }

    /** This task with {@code outer} as its {@code ignore_unreachable} where neither it nor a nearer block sets one (null: nothing to give). */
    public Task ignoringUnreachable(Boolean outer) {
        if (outer == null || ignoreUnreachable != null) return this;
        return new Task(name, module, moduleLocation, args, when, loop, loopControl, register, notifies, listen, tags,
                ignoreErrors, changedWhen, failedWhen, checkMode, needs, become, noLog, vars, timeout, baseDir, location, role,
                includeTags, blocks, until, runOnce, flags, delegation, environment, becomeAs, throttle, outer);
    }

    /** Whether a failure of this task is ignored by a plain {@code ignore_errors} (its own or the nearest around it that sets one). */
    public boolean ignoresErrors() {
        return Boolean.TRUE.equals(ignoreErrors);
    }

    /** Whether this task's results are hidden by a plain {@code no_log} (its own or the nearest around it that sets one). */
    public boolean hidesLog() {
        return Boolean.TRUE.equals(noLog);
    }

    /** Whether this task runs once for its batch ({@code run_once}, its own or the nearest around it that sets one). */
    public boolean runsOnce() {
        return Boolean.TRUE.equals(runOnce);
    }

    /** Whether an unreachable host goes on after this task ({@code ignore_unreachable}, its own or the nearest around it). */
    public boolean ignoresUnreachable() {
        return Boolean.TRUE.equals(ignoreUnreachable);
    }

    /** The names of Ansible's {@code meta} task. */
    public static final java.util.Set<String> META = java.util.Set.of("meta", "ansible.builtin.meta", "ansible.legacy.meta");
    /** The {@code meta} actions Rigger runs (the loader refuses the others). */
    public static final List<String> META_ACTIONS = List.of("flush_handlers", "noop", "end_host", "clear_facts", "reset_connection", "end_play", "end_batch",
            "clear_host_errors");

    /** For a {@code meta} task, its action ({@code flush_handlers}, ...) as written; null for any other task. */
    public String metaAction() {
        if (!META.contains(module)) return null;
        return args instanceof YNode.Scalar s && s.value() != null ? String.valueOf(s.value()).strip() : null;
    }

    /** The item's name in a loop ({@code item} unless {@code loop_control.loop_var}). */
    public String loopVar() {
        return loopControl.loopVar();
    }

    /**
     * {@code ignore_errors} and {@code no_log} given as templates (Ansible templates them per host,
     * e.g. {@code "{{ ansible_check_mode }}"}): each null, or the template written; the task's
     * plain flag is then an explicit false, so nothing around the task overrides the template. {@code included}: the include that reads this task at run time, or null; then
     * {@code own}: how many of the task's conditions (the last ones) are written in the included
     * file, the others being what decides whether a host reaches the include.
     */
    public record Flags(Expr ignoreErrorsIf, Expr noLogIf, Included included, int own) {
        public static final Flags NONE = new Flags(null, null, null, 0);

        public Flags(Expr ignoreErrorsIf, Expr noLogIf) {
            this(ignoreErrorsIf, noLogIf, null, 0);
        }
    }

    /**
     * One expansion of an {@code include_tasks}/{@code include_role} (each loop item its own, an
     * inner include's its own): Ansible reads the file only when a host reaches the include, so a
     * file naming a module Rigger lacks fails just the hosts that reach it, at the include (see
     * the compiler). Compared by identity: the tasks of one expansion share one.
     */
    public static final class Included {
        private final Location at;

        /** @param at where the include is written */
        public Included(Location at) {
            this.at = at;
        }

        public Location at() { return at; }
    }

    /** This task as read by {@code included}, with {@code own} of its conditions written in the included file. */
    public Task includedBy(Included included, int own) {
        return new Task(name, module, moduleLocation, args, when, loop, loopControl, register, notifies, listen, tags,
                ignoreErrors, changedWhen, failedWhen, checkMode, needs, become, noLog, vars, timeout, baseDir, location, role,
                includeTags, blocks, until, runOnce, new Flags(flags.ignoreErrorsIf(), flags.noLogIf(), included, own), delegation,
                environment, becomeAs, throttle, ignoreUnreachable);
    }

    /**
     * A {@code fail} task in this task's place with only the conditions that decide whether a host
     * reaches its include (not those written in the included file): what a host that reaches an
     * include whose file Rigger cannot run gets.
     */
    public Task failing(String message) {
        int guards = when.size() - flags.own();
        YNode.Mapping msg = new YNode.Mapping(Map.of("msg", new YNode.Mapping.Entry(moduleLocation, new YNode.Scalar(message, moduleLocation))),
                moduleLocation);
        // Ansible's failure is the include's, not a task's: no block of the file (or around) rescues it, and the include's
        // tags (its gates) alone select it
        return new Task(name, "fail", moduleLocation, msg, List.copyOf(when.subList(0, Math.min(guards, when.size()))), null,
                LoopControl.PLAIN, null, List.of(), List.of(), List.of("always"), null, null, null, null, List.of(), become, null, vars,
                timeout, baseDir, location, role, includeTags, List.of(), null, null, Flags.NONE, null, environment, becomeAs,
                throttle, null);
    }

    /** An expression's source and where it was written. */
    public record Expr(String source, Location location) { }

    /**
     * An explicit edge: this task runs after task {@code task} on the hosts {@code hosts}
     * selects (null: this task's own host).
     */
    public record Need(String task, String hosts, Location location) { }

    public Task {
        when = List.copyOf(when);
        notifies = List.copyOf(notifies);
        listen = List.copyOf(listen);
        tags = List.copyOf(tags);
        needs = List.copyOf(needs);
        includeTags = includeTags.stream().map(List::copyOf).toList();
        blocks = List.copyOf(blocks);
        environment = List.copyOf(environment);
    }

    /** A task with its role and include gates, outside any block. */
    public Task(String name, String module, Location moduleLocation, YNode args,
                List<Expr> when, YNode loop, String loopVar, String register,
                List<String> notifies, List<String> listen, List<String> tags,
                Boolean ignoreErrors, Expr changedWhen, Expr failedWhen, Boolean checkMode,
                List<Need> needs, Boolean become, Boolean noLog, Map<String, Object> vars,
                Integer timeout, Path baseDir, Location location, Role role, List<List<String>> includeTags) {
        this(name, module, moduleLocation, args, when, loop, new LoopControl(null, loopVar, null, false, true), register, notifies, listen, tags, ignoreErrors,
                changedWhen, failedWhen, checkMode, needs, become, noLog, vars, timeout, baseDir, location, role,
                includeTags, List.of(), null, null, Flags.NONE, null, List.of(), null, 0, null);
    }

    /** A task outside any role and include. */
    public Task(String name, String module, Location moduleLocation, YNode args,
                List<Expr> when, YNode loop, String loopVar, String register,
                List<String> notifies, List<String> listen, List<String> tags,
                Boolean ignoreErrors, Expr changedWhen, Expr failedWhen, Boolean checkMode,
                List<Need> needs, Boolean become, Boolean noLog, Map<String, Object> vars,
                Integer timeout, Path baseDir, Location location) {
        this(name, module, moduleLocation, args, when, loop, new LoopControl(null, loopVar, null, false, true), register, notifies, listen, tags, ignoreErrors,
                changedWhen, failedWhen, checkMode, needs, become, noLog, vars, timeout, baseDir, location, null, List.of(),
                List.of(), null, null, Flags.NONE, null, List.of(), null, 0, null);
    }

    /**
     * This task as written inside an import, include or role: their conditions first, their tags
     * added, their vars under the task's own ({@code overVars}, an include's params, over them),
     * their {@code become} where the task sets none, the
     * role where the task has none yet (an inner role keeps its own), the include's tags as a gate.
     */
    public Task inherit(List<Expr> outerWhen, List<String> outerTags, Map<String, Object> outerVars,
                        Map<String, Object> overVars, Boolean outerBecome, Role outerRole, List<String> gateTags) {
        List<Expr> w = new java.util.ArrayList<>(outerWhen);
        w.addAll(when);
        java.util.LinkedHashSet<String> t = new java.util.LinkedHashSet<>(outerTags);
        t.addAll(tags);
        Map<String, Object> v = new java.util.LinkedHashMap<>(outerVars);
        v.putAll(vars);
        v.putAll(overVars);
        List<List<String>> gates = new java.util.ArrayList<>();
        if (gateTags != null) gates.add(gateTags);
        gates.addAll(includeTags);
        return new Task(name, module, moduleLocation, args, w, loop, loopControl, register, notifies, listen, List.copyOf(t),
                ignoreErrors, changedWhen, failedWhen, checkMode, needs, become != null ? become : outerBecome, noLog, v,
                timeout, baseDir, location, role != null ? role : outerRole, gates, blocks, until, runOnce, flags, delegation, environment, becomeAs, throttle, ignoreUnreachable);
    }

    /**
     * This task as written in a list of block {@code frame}: the block's conditions first, its
     * tags added, its vars under the task's own, its {@code become}, {@code check_mode},
     * {@code ignore_errors} and {@code no_log} where the task sets none (null: the block sets
     * none either; a task's own {@code false} wins over the block's {@code true}, as in Ansible),
     * the frame outside the task's own ones.
     */
    public Task inBlock(BlockFrame frame, List<Expr> outerWhen, List<String> outerTags, Map<String, Object> outerVars,
                        Boolean outerBecome, Boolean outerCheckMode, Boolean outerIgnoreErrors, Boolean outerNoLog) {
        Task t = inherit(outerWhen, outerTags, outerVars, Map.of(), outerBecome, null, null);
        List<BlockFrame> frames = new java.util.ArrayList<>();
        if (frame != null) frames.add(frame);
        frames.addAll(blocks);
        return new Task(name, module, moduleLocation, args, t.when, loop, loopControl, register, notifies, listen, t.tags,
                ignoreErrors != null ? ignoreErrors : outerIgnoreErrors, changedWhen, failedWhen, checkMode != null ? checkMode : outerCheckMode,
                needs, t.become, noLog != null ? noLog : outerNoLog, t.vars, timeout, baseDir, location, role, includeTags, frames,
                until, runOnce, flags, delegation, environment, becomeAs, throttle, ignoreUnreachable);
    }

    /** This task with {@code run_once: true} (a meta action Ansible runs once). */
    public Task once() {
        return once(true);
    }

    /** This task with {@code outer} as its {@code run_once} where it sets none itself (a block's, role's; null: nothing to give). */
    public Task once(Boolean outer) {
        if (outer == null || runOnce != null) return this;
        return new Task(name, module, moduleLocation, args, when, loop, loopControl, register, notifies, listen, tags,
                ignoreErrors, changedWhen, failedWhen, checkMode, needs, become, noLog, vars, timeout, baseDir, location, role,
                includeTags, blocks, until, outer, flags, delegation, environment, becomeAs, throttle, ignoreUnreachable);
    }

    /**
     * This task delegated as {@code outer} says (a block's or play's), unless it names its own
     * delegation; then its {@code delegate_facts} where it sets none is {@code outer}'s, as in Ansible.
     */
    public Task delegated(Delegation outer) {
        if (outer == null) return this;
        Delegation d = delegation == null ? outer
                : delegation.facts() != null || outer.facts() == null ? delegation
                : new Delegation(delegation.to(), delegation.local(), outer.facts());
        if (d == delegation) return this;
        return new Task(name, module, moduleLocation, args, when, loop, loopControl, register, notifies, listen, tags,
                ignoreErrors, changedWhen, failedWhen, checkMode, needs, become, noLog, vars, timeout, baseDir, location, role,
                includeTags, blocks, until, runOnce, flags, d, environment, becomeAs, throttle, ignoreUnreachable);
    }

    /** This task under {@code outer}'s environment (a block's, role's or play's): outer first, so the task's own names win. */
    public Task inEnvironment(List<Object> outer) {
        if (outer.isEmpty()) return this;
        List<Object> env = new java.util.ArrayList<>(outer);
        env.addAll(environment);
        return new Task(name, module, moduleLocation, args, when, loop, loopControl, register, notifies, listen, tags,
                ignoreErrors, changedWhen, failedWhen, checkMode, needs, become, noLog, vars, timeout, baseDir, location, role,
                includeTags, blocks, until, runOnce, flags, delegation, env, becomeAs, throttle, ignoreUnreachable);
    }

    /** Whether a failure of this task is rescued: some block around it has a rescue and the task is in that block's {@code block} list. */
    public boolean rescued() {
        return blocks.stream().anyMatch(f -> f.hasRescue() && f.section() == BlockFrame.Section.BLOCK);
    }

    /**
     * Where {@code files/} and {@code templates/} are looked up, in Ansible's order: the role,
     * then the task file's folder, then the playbook's.
     */
    public List<Path> searchDirs(Path playDir) {
        java.util.LinkedHashSet<Path> dirs = new java.util.LinkedHashSet<>();
        if (role != null) dirs.add(role.path());
        if (baseDir != null) dirs.add(baseDir);
        if (playDir != null) dirs.add(playDir);
        return List.copyOf(dirs);
    }

    /**
     * A local file as Ansible finds it: in each of {@code dirs} (see {@link #searchDirs}), first
     * its {@code folder} ({@code files/} or {@code templates/}), then the folder itself.
     */
    public static Optional<Path> findLocal(List<Path> dirs, String folder, String name) {
        for (Path dir : dirs) {
            for (Path p : List.of(dir.resolve(folder).resolve(name), dir.resolve(name))) {
                if (java.nio.file.Files.isRegularFile(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The name shown in reports: the given name, or the module call. */
    public String displayName() {
        return name != null ? name : module;
    }
}
