package dev.rigger.engine.load;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.model.Task;
import dev.rigger.engine.yaml.YNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code import_tasks}, {@code include_tasks}, {@code import_role} and {@code include_role}
 * (short or {@code ansible.builtin.} names), all expanded at load, so their errors show before
 * any host is touched. Imports are static in Ansible too: their {@code when}, {@code tags},
 * {@code vars} and {@code become} apply to every imported task. Includes are dynamic in Ansible,
 * so an include is expanded only where that gives Ansible's result, and refused otherwise:
 * <ul>
 * <li>its {@code tags} select the include, not its tasks (a gate on each task), {@code apply:}
 *     gives tasks their tags, {@code when} and {@code become};</li>
 * <li>its {@code when}, evaluated once by Ansible, is put on every task: refused when one of the
 *     included tasks registers or sets a name the condition reads (the answer could change);</li>
 * <li>its {@code vars} are include params, above the tasks' own;</li>
 * <li>a loop or a templated file or role name needs run time: refused, saying what to write.</li>
 * </ul>
 */
final class Imports {
    private static final Set<String> ACTIONS = Set.of("import_tasks", "include_tasks", "import_role", "include_role");
    private static final Set<String> INHERITED = Set.of("name", "when", "tags", "vars", "become");
    private static final Set<String> LOOPS = Set.of("loop", "with_items", "loop_control");
    private static final Set<String> ROLE_ARGS = Set.of("name", "tasks_from", "vars_from", "defaults_from",
            "handlers_from", "apply", "public", "allow_duplicates", "rolespec_validate");
    private static final Set<String> APPLY_KEYS = Set.of("tags", "when", "become");

    private final TaskParser tasks;
    private final RoleLoader roles;

    Imports(TaskParser tasks, RoleLoader roles) {
        this.tasks = tasks;
        this.roles = roles;
    }

    /** The import or include a task key names ({@code ansible.builtin.include_role} -> include_role), or null. */
    static String action(String key) {
        String k = key.startsWith("ansible.builtin.") || key.startsWith("ansible.legacy.")
                ? key.substring(key.lastIndexOf('.') + 1) : key;
        if (k.equals("include")) return "include_tasks"; // the pre-2.16 name, read as include_tasks
        return ACTIONS.contains(k) ? k : null;
    }

    void expand(YNode.Mapping m, String key, String action, Path dir, RoleLoader.PlayRoles play, List<Task> out, Diagnostics diags) {
        boolean dynamic = action.startsWith("include");
        if (!checkKeywords(m, key, action, dynamic, diags)) return;
        YNode arg = m.get(key);
        YNode.Mapping args = arg instanceof YNode.Mapping am ? am : null;
        Apply apply = apply(args, action, dynamic, diags);
        if (apply == null) return;
        List<Task.Expr> when = TaskParser.conditions(m.get("when"), diags);
        List<String> tags = Nodes.strings(m.get("tags"), diags);
        Map<String, Object> vars = Nodes.vars(m.get("vars"), diags);
        Boolean become = Nodes.optionalBool(m.get("become"), diags);
        List<Task> body = action.endsWith("_role")
                ? role(m, key, args, dynamic, when, tags, vars, become, apply, dir, play, diags)
                : taskFile(arg, args, m.keyLocation(key), dir, diags);
        if (dynamic) {
            checkOnceCondition(when, body, action, diags);
            for (Task t : body) {
                out.add(t.inherit(concat(when, apply.when), apply.tags, Map.of(), vars, apply.become, null,
                        action.endsWith("_role") ? null : tags));
            }
        } else if (action.endsWith("_role")) {
            out.addAll(body);
        } else {
            for (Task t : body) out.add(t.inherit(when, tags, vars, Map.of(), become, null, null));
        }
    }

    /** Only keywords an import hands to its tasks; the others would be dropped, so they are refused. */
    private static boolean checkKeywords(YNode.Mapping m, String key, String action, boolean dynamic, Diagnostics diags) {
        boolean ok = true;
        for (String k : m.entries().keySet()) {
            if (k.equals(key) || (INHERITED.contains(k) && !(dynamic && k.equals("become")))) continue;
            ok = false;
            if (LOOPS.contains(k) || k.startsWith("with_")) {
                diags.error(m.keyLocation(k), action + " with a loop runs once per item at run time; Rigger expands "
                        + action + " at load: put the loop on the " + (action.endsWith("_role") ? "role's" : "included")
                        + " tasks, or write one " + action.replace("include", "import") + " per item with its vars");
            } else if (dynamic) {
                diags.error(m.keyLocation(k), "'" + k + "' on " + action + " applies to the include itself in Ansible, "
                        + "not to its tasks: write apply: {" + k + ": ...} or " + action.replace("include", "import"));
            } else {
                diags.error(m.keyLocation(k), "'" + k + "' on " + action + " is not applied by Rigger: set it on the "
                        + "imported tasks (known here: " + String.join(", ", new java.util.TreeSet<>(INHERITED)) + ")");
            }
        }
        return ok;
    }

    /** An include's {@code apply:} (tags, when, become for every task it includes). */
    private record Apply(List<String> tags, List<Task.Expr> when, Boolean become) { }

    private static Apply apply(YNode.Mapping args, String action, boolean dynamic, Diagnostics diags) {
        if (args == null || !args.has("apply")) return new Apply(List.of(), List.of(), null);
        if (!dynamic) {
            diags.error(args.keyLocation("apply"), "apply is for include_tasks and include_role; " + action + " passes its keywords to its tasks");
            return null;
        }
        if (!(args.get("apply") instanceof YNode.Mapping a)) {
            diags.error(args.get("apply").location(), "apply is a mapping of keywords for every included task");
            return null;
        }
        for (String k : a.entries().keySet()) {
            if (!APPLY_KEYS.contains(k)) {
                diags.error(a.keyLocation(k), "'" + k + "' in apply is not applied by Rigger (known: become, tags, when): set it on the included tasks");
                return null;
            }
        }
        return new Apply(Nodes.strings(a.get("tags"), diags), TaskParser.conditions(a.get("when"), diags),
                Nodes.optionalBool(a.get("become"), diags));
    }

    private List<Task> taskFile(YNode arg, YNode.Mapping args, Location at, Path dir, Diagnostics diags) {
        YNode fileNode = arg;
        if (args != null) {
            for (String k : args.entries().keySet()) {
                if (!Set.of("file", "_raw_params", "apply").contains(k)) diags.error(args.keyLocation(k), "unknown argument '" + k + "' (known: file, apply)");
            }
            fileNode = args.has("file") ? args.get("file") : args.get("_raw_params");
        }
        String f = Nodes.string(fileNode, diags);
        if (f == null) {
            if (fileNode == null) diags.error(at, "which tasks file? (file: NAME)");
            return List.of();
        }
        if (f.contains("{{")) {
            diags.error(fileNode.location(), "tasks file '" + f + "' is a template, chosen per host at run time in Ansible; "
                    + "Rigger expands includes at load: write one import_tasks per file with its condition, e.g. "
                    + "'- import_tasks: setup-RedHat.yml' with 'when: ansible_os_family == \"RedHat\"'");
            return List.of();
        }
        return tasks.file(dir.resolve(f), fileNode.location(), diags);
    }

    private List<Task> role(YNode.Mapping m, String key, YNode.Mapping args, boolean dynamic, List<Task.Expr> when,
                            List<String> tags, Map<String, Object> vars, Boolean become, Apply apply, Path dir,
                            RoleLoader.PlayRoles play, Diagnostics diags) {
        if (args == null || !args.has("name")) {
            diags.error(m.keyLocation(key), action(key) + " needs a mapping with the role's name: {name: ROLE}");
            return List.of();
        }
        Map<String, String> from = new LinkedHashMap<>();
        for (String k : args.entries().keySet()) {
            if (!ROLE_ARGS.contains(k)) {
                diags.error(args.keyLocation(k), "unknown argument '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(ROLE_ARGS)) + ")");
            } else if (k.endsWith("_from")) {
                String v = Nodes.string(args.get(k), diags);
                if (v != null) from.put(k.substring(0, k.length() - "_from".length()), v);
            }
        }
        if (!dynamic && args.has("public")) diags.error(args.keyLocation("public"), "public is for include_role; import_role always exposes the role's vars");
        String name = Nodes.string(args.get("name"), diags);
        if (name == null) return List.of();
        Boolean dups = Nodes.optionalBool(args.get("allow_duplicates"), diags);
        boolean once = dups != null && !dups;
        boolean exposed = !dynamic || Nodes.bool(args.get("public"), false, diags);
        // import_role: its vars are the role's; include_role: include params, above the tasks' own (added by the caller)
        RoleLoader.Use use = dynamic
                ? new RoleLoader.Use(name, args.get("name").location(), Map.of(), Map.of(), List.of(), List.of(), null,
                        from, once, exposed, tags, vars)
                : new RoleLoader.Use(name, args.get("name").location(), vars, Map.of(), when, tags, become, from,
                        once, exposed, null, Map.of());
        return roles.expand(use, null, play, diags).tasks();
    }

    /** Ansible evaluates an include's condition once; put on every task, it must not read what they set. */
    private static void checkOnceCondition(List<Task.Expr> when, List<Task> body, String action, Diagnostics diags) {
        if (when.isEmpty()) return;
        Set<String> set = new LinkedHashSet<>();
        for (Task t : body) {
            if (t.register() != null) set.add(t.register());
            if (Set.of("set_fact", "ansible.builtin.set_fact", "include_vars", "ansible.builtin.include_vars").contains(t.module())
                    && t.args() instanceof YNode.Mapping a) {
                set.addAll(a.entries().keySet());
            }
        }
        for (Task.Expr e : when) {
            for (String n : set) {
                if (Pattern.compile("\\b" + Pattern.quote(n) + "\\b").matcher(e.source()).find()) {
                    diags.error(e.location(), "the condition of " + action + " reads '" + n + "', which an included task sets: "
                            + "Ansible tests it once, before the tasks; Rigger would test it on each. Use "
                            + action.replace("include", "import") + " (tested on each task) or a condition on a name the tasks do not set");
                    return;
                }
            }
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
