package dev.rigger.engine.compile;

import java.util.Map;
import java.util.Set;

/**
 * What the operator asked for on the command line that shapes the graph.
 *
 * @param extraVars  {@code -e} values: they beat every other variable
 * @param limit      {@code -l} host pattern, or null
 * @param tags       run only tasks with one of these tags (empty: all)
 * @param skipTags   never run tasks with these tags
 * @param secretVars {@code --secret-var}: variables masked in every output, in every play
 * @param become     {@code -b}, or ansible.cfg's {@code [privilege_escalation] become}: every task
 *                   becomes root unless it says {@code become: false}
 * @param startAtTask {@code --start-at-task}: tasks before the first whose name is this (or matches it as a
 *                   glob) are left out, in every play; null for all
 * @param becomeAs   {@code --become-user}/{@code --become-method} (or ansible.cfg's): whom and how every task
 *                   that becomes becomes where neither it, its blocks nor its play say; null: root through sudo
 */
public record CompileOptions(Map<String, Object> extraVars, String limit, Set<String> tags, Set<String> skipTags,
                             Set<String> secretVars, boolean become, String startAtTask, dev.rigger.engine.model.Task.BecomeAs becomeAs) {
    public CompileOptions(Map<String, Object> extraVars, String limit, Set<String> tags, Set<String> skipTags, Set<String> secretVars) {
        this(extraVars, limit, tags, skipTags, secretVars, false, null, null);
    }

    public CompileOptions(Map<String, Object> extraVars, String limit, Set<String> tags, Set<String> skipTags) {
        this(extraVars, limit, tags, skipTags, Set.of());
    }

    public static CompileOptions defaults() {
        return new CompileOptions(Map.of(), null, Set.of(), Set.of());
    }

    public CompileOptions withStartAtTask(String name) {
        return new CompileOptions(extraVars, limit, tags, skipTags, secretVars, become, name, becomeAs);
    }

    /** Whether a task with these tags runs, as in Ansible: {@code always} runs unless skipped by name, {@code never} only when asked. */
    public boolean selects(java.util.Collection<String> taskTags) {
        if (taskTags.stream().anyMatch(skipTags::contains)) return false;
        if (tags.isEmpty() || tags.contains("all")) return !taskTags.contains("never");
        return taskTags.contains("always") || taskTags.stream().anyMatch(tags::contains);
    }

    public CompileOptions withBecome(boolean b) {
        return new CompileOptions(extraVars, limit, tags, skipTags, secretVars, b, startAtTask, becomeAs);
    }

    /** @param user whom to become (null: root), @param method sudo or su (null: sudo) */
    public CompileOptions withBecomeAs(String user, String method) {
        var as = user == null && method == null ? null
                : new dev.rigger.engine.model.Task.BecomeAs(user == null ? null : new dev.rigger.engine.model.Task.Expr(user, dev.rigger.engine.diag.Location.NONE), method);
        return new CompileOptions(extraVars, limit, tags, skipTags, secretVars, become, startAtTask, as);
    }
}
