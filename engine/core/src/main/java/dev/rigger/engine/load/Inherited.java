package dev.rigger.engine.load;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.model.Task;
import dev.rigger.engine.yaml.YNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keywords a block, a role (a {@code roles:} entry, a dependency, an {@code import_role}), an
 * import or an include's {@code apply:} hands to every task under it where the task sets none
 * itself, as Ansible's parent chain does (Block._get_parent_attribute reads the block, then its
 * role and the role's dependency chain): {@code check_mode}, {@code ignore_errors}, {@code no_log},
 * {@code run_once}, {@code delegate_to} (with {@code delegate_facts}) and {@code connection: local},
 * {@code environment}, {@code become_user}/{@code become_method}, {@code throttle},
 * {@code ignore_unreachable}. {@code when}, {@code tags}, {@code vars} and {@code become} go their
 * own ways ({@link Task#inherit}), as does {@code remote_user} (checked at compile).
 *
 * <p>The booleans are null where {@code m} does not set them: each goes to a task only where the
 * task (or a block nearer to it) sets none, so the innermost explicit value wins, as in Ansible.
 *
 * @param runOnceAt where {@code run_once} was written (null: not set)
 */
record Inherited(Boolean checkMode, Boolean ignoreErrors, Boolean noLog, Boolean runOnce, Task.Delegation delegation,
                 List<Object> environment, Task.BecomeAs becomeAs, int throttle, Boolean ignoreUnreachable, Location runOnceAt) {
    static final Inherited NONE = new Inherited(null, null, null, null, null, List.of(), null, 0, null, null);

    /** The keywords this record carries (besides the ones {@link Task#inherit} takes: when, tags, vars, become). */
    static final Set<String> KEYS = Set.of("check_mode", "ignore_errors", "no_log", "run_once", "delegate_to", "delegate_facts",
            "connection", "environment", "become_user", "become_method", "throttle", "ignore_unreachable");

    Inherited {
        environment = List.copyOf(environment);
    }

    /** Them as written in {@code m} (a block, a role entry, an import, an apply); values Rigger refuses were refused before. */
    static Inherited read(YNode.Mapping m, Diagnostics diags) {
        return new Inherited(Nodes.optionalBool(m.get("check_mode"), diags), Nodes.optionalBool(m.get("ignore_errors"), diags),
                Nodes.optionalBool(m.get("no_log"), diags), Nodes.optionalBool(m.get("run_once"), diags),
                TaskParser.delegation(m, diags), TaskParser.environment(m.get("environment"), diags),
                TaskParser.becomeAs(m, diags), TaskParser.throttle(m, diags), Nodes.optionalBool(m.get("ignore_unreachable"), diags),
                m.has("run_once") ? m.keyLocation("run_once") : null);
    }

    /** This one with {@code environment} as the outermost layer (a role's, given apart). */
    Inherited withEnvironment(List<Object> outer) {
        List<Object> env = new java.util.ArrayList<>(outer);
        env.addAll(environment);
        return new Inherited(checkMode, ignoreErrors, noLog, runOnce, delegation, env, becomeAs, throttle, ignoreUnreachable, runOnceAt);
    }

    /** {@code t} under these keywords: each where {@code t} sets none, the environment outside its own. */
    Task onto(Task t, Diagnostics diags) {
        Task in = checkMode == null && ignoreErrors == null && noLog == null ? t
                : t.inBlock(null, List.of(), List.of(), Map.of(), null, checkMode, ignoreErrors, noLog);
        if (Boolean.TRUE.equals(runOnce) && in.runOnce() == null && !in.notifies().isEmpty()) {
            diags.error(runOnceAt, "run_once with notify is not supported yet: '" + in.displayName() + "' under it notifies");
        }
        in = in.once(runOnce).delegated(delegation).inEnvironment(environment).becomingAs(becomeAs).throttled(throttle);
        return in.ignoringUnreachable(ignoreUnreachable);
    }

    /**
     * The handlers from {@code from} on (those a role, import or include just added) under what
     * surrounds them, as Ansible gives a role's keywords (and the blocks', import's or apply's
     * around it) to its handlers too: {@code when} before theirs, {@code vars} under theirs,
     * {@code become} and these keywords where they set none. {@code run_once: true} would make a
     * handler run once, which Rigger does not do for handlers yet: refused, at {@code run_once}.
     */
    void ontoHandlers(List<Task> handlers, int from, List<Task.Expr> when, Map<String, Object> vars, Boolean become,
                      Diagnostics diags) {
        Inherited kw = new Inherited(checkMode, ignoreErrors, noLog, null, delegation, environment, becomeAs, throttle, ignoreUnreachable, null);
        boolean refused = false;
        for (int i = from; i < handlers.size(); i++) {
            Task h = handlers.get(i);
            if (Boolean.TRUE.equals(runOnce) && h.runOnce() == null && !refused) {
                refused = true;
                diags.error(runOnceAt, "run_once here reaches the handler '" + h.displayName() + "'"
                        + (h.role() == null ? "" : " of role '" + h.role().name() + "'") + " (Ansible runs it once too), and Rigger "
                        + "does not run handlers once yet: put run_once on the tasks (a block inside the role) instead");
            }
            handlers.set(i, kw.onto(h.inherit(when, List.of(), vars, Map.of(), become, null, null), diags));
        }
    }

    /** All of {@code tasks} under these keywords. */
    List<Task> onto(List<Task> tasks, Diagnostics diags) {
        return this.equals(NONE) ? tasks : tasks.stream().map(t -> onto(t, diags)).toList();
    }
}
