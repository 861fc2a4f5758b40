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
 * {@code vars}, {@code become} and the keywords of {@link Inherited} apply to every imported task
 * that does not set them itself ({@code remote_user} is checked at compile). Includes are dynamic in Ansible,
 * so an include is expanded only where that gives Ansible's result, and refused otherwise:
 * <ul>
 * <li>its {@code tags} select the include, not its tasks (a gate on each task), {@code apply:}
 *     gives tasks their tags, {@code when}, {@code become} and the keywords of {@link Inherited};</li>
 * <li>its {@code when}, evaluated once by Ansible, is put on every task: refused when one of the
 *     included tasks registers or sets a name the condition reads (the answer could change);</li>
 * <li>its {@code vars} are include params, above the tasks' own;</li>
 * <li>a templated file name is chosen per host: every file it can name is expanded, each guarded by
 *     the rendered name ({@link #templatedFile});</li>
 * <li>{@code args:} holds arguments as for a module (apply, file);</li>
 * <li>a loop or a templated role name needs run time: refused, saying what to write.</li>
 * </ul>
 */
final class Imports {
    private static final Set<String> ACTIONS = Set.of("import_tasks", "include_tasks", "import_role", "include_role");
    private static final Set<String> INHERITED = Set.of("name", "when", "tags", "vars", "become");
    private static final Set<String> LOOPS = Set.of("loop", "with_items", "loop_control");
    /** The loops include_tasks and include_role take: a list written out in the playbook, expanded once per item at load. */
    private static final Set<String> INCLUDE_LOOPS = Set.of("loop", "with_items", "with_list", "loop_control");
    private static final Set<String> ROLE_ARGS = Set.of("name", "tasks_from", "vars_from", "defaults_from",
            "handlers_from", "apply", "public", "allow_duplicates", "rolespec_validate");
    private static final Set<String> APPLY_KEYS = union(Set.of("tags", "when", "become"), Inherited.KEYS);
    /** What an import hands to its tasks (Ansible reads a static import as its tasks' parent). */
    private static final Set<String> STATIC_INHERITED = union(union(INHERITED, Inherited.KEYS), Set.of("remote_user"));

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
        YNode arg = withArgs(m.get(key), m.get("args"), diags);
        if (arg == null) return;
        YNode.Mapping args = arg instanceof YNode.Mapping am ? am : null;
        Apply apply = apply(args, action, dynamic, diags);
        if (apply == null) return;
        List<Task.Expr> when = TaskParser.conditions(m.get("when"), diags);
        List<String> tags = Nodes.strings(m.get("tags"), diags);
        Map<String, Object> vars = Nodes.vars(m.get("vars"), diags);
        Boolean become = Nodes.optionalBool(m.get("become"), diags);
        // an include's apply goes to its tasks and handlers below; an import's keywords to the role (RoleLoader.Use) or here
        Inherited kw = dynamic ? Inherited.NONE : Inherited.read(m, diags);
        List<Task> handlers = play == null ? new ArrayList<>() : play.handlers;
        int handlersBefore = handlers.size();
        List<Task> body = action.endsWith("_role")
                ? role(m, key, args, dynamic, when, tags, vars, become, kw, dir, play, diags)
                : taskFile(arg, args, m.keyLocation(key), dir, diags);
        if (dynamic) {
            checkOnceCondition(when, body, action, diags);
            List<Map<String, Object>> items = IncludeLoop.items(m, action, diags);
            if (items != null) {
                String read = readsWhatTheySet(List.of(new Task.Expr(String.valueOf(IncludeLoop.node(m).plain()), m.location())), body);
                if (read != null) {
                    diags.error(m.keyLocation(IncludeLoop.key(m)), "the loop of " + action + " reads '" + read + "', which an included "
                            + "task sets: Ansible renders the items once, before the tasks; Rigger would render them in each. Set the "
                            + "values before the include, and loop over those");
                    return;
                }
            }
            List<Task.Expr> guards = concat(when, apply.when);
            for (Map<String, Object> item : items == null ? List.<Map<String, Object>>of(Map.of()) : items) {
                Map<String, Object> over = new LinkedHashMap<>(vars);
                over.putAll(item);
                // this expansion, and each inner include's, read by a host when it reaches the include (Task.Included)
                Task.Included here = new Task.Included(m.keyLocation(key));
                Map<Task.Included, Task.Included> inner = new java.util.IdentityHashMap<>();
                for (Task t : body) {
                    Task in = t.inherit(guards, apply.tags, Map.of(), over, apply.become, null,
                            action.endsWith("_role") ? null : tags);
                    Task.Included was = t.flags().included();
                    in = was == null ? in.includedBy(here, t.when().size())
                            : in.includedBy(inner.computeIfAbsent(was, w -> new Task.Included(w.at())), t.flags().own());
                    out.add(apply.keywords.onto(in, diags));
                }
            }
            // the handlers of an included role (or of one a file includes) have the apply block as parent in Ansible,
            // the include itself being dynamic: apply's keywords reach them, the include's own when does not
            apply.keywords.ontoHandlers(handlers, handlersBefore, apply.when, Map.of(), apply.become, diags);
        } else if (action.endsWith("_role")) {
            out.addAll(body);
        } else {
            for (Task t : body) out.add(kw.onto(t.inherit(when, tags, vars, Map.of(), become, null, null), diags));
            // a static import is the parent of what it imports, handlers of the roles it imports included
            kw.ontoHandlers(handlers, handlersBefore, when, vars, become, diags);
        }
    }

    /** The arguments with {@code args:} merged under them, as for a module (a free-form file name is _raw_params); null when args is no mapping. */
    private static YNode withArgs(YNode inline, YNode extra, Diagnostics diags) {
        if (extra == null) return inline;
        if (!(extra instanceof YNode.Mapping em)) {
            diags.error(extra.location(), "args must be a mapping");
            return null;
        }
        Map<String, YNode.Mapping.Entry> merged = new LinkedHashMap<>(em.entries());
        if (inline instanceof YNode.Mapping im) {
            merged.putAll(im.entries());
        } else if (inline instanceof YNode.Scalar s && s.value() != null) {
            merged.put("_raw_params", new YNode.Mapping.Entry(s.location(), s));
        }
        return new YNode.Mapping(merged, inline == null ? extra.location() : inline.location());
    }

    /** Only keywords an import hands to its tasks; the others would be dropped, so they are refused. */
    private static boolean checkKeywords(YNode.Mapping m, String key, String action, boolean dynamic, Diagnostics diags) {
        boolean ok = true;
        for (String k : m.entries().keySet()) {
            if (k.equals(key) || k.equals("args") || (dynamic ? INHERITED.contains(k) && !k.equals("become") : STATIC_INHERITED.contains(k))) continue;
            if (dynamic && INCLUDE_LOOPS.contains(k)) continue;
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
                        + "imported tasks (known here: " + String.join(", ", new java.util.TreeSet<>(STATIC_INHERITED)) + ")");
            }
        }
        return ok;
    }

    /** An include's {@code apply:} (tags, when, become and the keywords of {@link Inherited} for every task it includes). */
    private record Apply(List<String> tags, List<Task.Expr> when, Boolean become, Inherited keywords) { }

    private static Apply apply(YNode.Mapping args, String action, boolean dynamic, Diagnostics diags) {
        if (args == null || !args.has("apply")) return new Apply(List.of(), List.of(), null, Inherited.NONE);
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
                diags.error(a.keyLocation(k), "'" + k + "' in apply is not applied by Rigger (known: "
                        + String.join(", ", new java.util.TreeSet<>(APPLY_KEYS)) + "): set it on the included tasks");
                return null;
            }
        }
        if (AnsibleKeywords.refuse(a, AnsibleKeywords.Where.BLOCK, diags)) return null;
        return new Apply(Nodes.strings(a.get("tags"), diags), TaskParser.conditions(a.get("when"), diags),
                Nodes.optionalBool(a.get("become"), diags), Inherited.read(a, diags));
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
        if (f.contains("{{") || f.contains("{%")) return templatedFile(f, fileNode.location(), dir, diags);
        return tasks.file(dir.resolve(f), fileNode.location(), diags);
    }

    /**
     * An include_tasks whose file name is a template, chosen per host when the include runs in
     * Ansible: every file its constant parts match (each {@code {{ }}} read as {@code *}) is expanded
     * here, each task guarded by the rendered name naming that file, behind a {@code fail} task for
     * the hosts whose name names none of them (Ansible fails those hosts: it cannot find the file).
     * Sound because a host runs exactly the tasks of the file its name renders to, in the include's
     * place, and no others; the name is rendered on each task instead of once, so it must not read
     * what the included tasks set (checked with the include's when, as Ansible renders both once).
     */
    private List<Task> templatedFile(String f, Location at, Path dir, Diagnostics diags) {
        if (f.contains("{%") || f.contains("{#")) {
            diags.error(at, "tasks file '" + f + "' has a template statement: Rigger reads a file name's {{ }} only");
            return List.of();
        }
        String rendered = nameExpression(f);
        String glob = f.replaceAll("\\{\\{.*?}}", "*");
        List<String> names = new ArrayList<>();
        java.nio.file.PathMatcher matcher;
        try {
            matcher = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            diags.error(at, "tasks file '" + f + "' cannot be matched to files: " + e.getMessage());
            return List.of();
        }
        int depth = (int) glob.chars().filter(c -> c == '/').count() + 1;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir, depth)) {
            files.filter(java.nio.file.Files::isRegularFile).map(dir::relativize)
                    .filter(matcher::matches).map(Path::toString).sorted().forEach(names::add);
        } catch (java.io.IOException e) {
            diags.error(at, "cannot list " + dir + " for tasks file '" + f + "': " + e.getMessage());
            return List.of();
        }
        names.removeIf(n -> tasks.reading(dir.resolve(n)));
        // a file that does not load as tasks (the playbook itself, a vars file) fails the hosts that name it, as in Ansible
        Map<String, List<Task>> loaded = new java.util.TreeMap<>();
        List<String> broken = new ArrayList<>();
        for (String n : names) {
            Diagnostics own = new Diagnostics();
            List<Task> t = tasks.file(dir.resolve(n), at, own);
            if (own.hasErrors()) {
                broken.add(n + ": " + own.list().stream().filter(dev.rigger.engine.diag.Diagnostic::isError).findFirst().orElseThrow().message());
            } else {
                diags.addAll(own);
                loaded.put(n, t);
            }
        }
        List<Task> out = new ArrayList<>();
        StringBuilder known = new StringBuilder();
        for (String n : loaded.keySet()) known.append(known.length() == 0 ? "" : ", ").append(pyString(n));
        YNode.Scalar msg = new YNode.Scalar("Could not find or access '" + dir + "/{{ " + rendered + " }}' on the Ansible Controller."
                + (broken.isEmpty() ? "" : " (Rigger could not load " + String.join("; ", broken).replace("{{", "{ {") + ")"), at);
        Map<String, YNode.Mapping.Entry> guard = new LinkedHashMap<>();
        guard.put("name", new YNode.Mapping.Entry(at, new YNode.Scalar("include_tasks " + f, at)));
        guard.put("fail", new YNode.Mapping.Entry(at, new YNode.Mapping(Map.of("msg", new YNode.Mapping.Entry(at, msg)), at)));
        guard.put("when", new YNode.Mapping.Entry(at, new YNode.Scalar("(" + rendered + ") not in [" + known + "]", at)));
        out.addAll(tasks.list(new YNode.Seq(List.of(new YNode.Mapping(guard, at)), at), dir, diags));
        List<Task> chosenTasks = new ArrayList<>();
        loaded.forEach((n, body) -> {
            Task.Expr chosen = new Task.Expr("(" + rendered + ") == " + pyString(n), at);
            // each file is read only by the hosts whose name chooses it: its own expansion, guarded by that choice
            Task.Included file = new Task.Included(at);
            for (Task t : body) {
                Task in = t.inherit(List.of(chosen), List.of(), Map.of(), Map.of(), null, null, null);
                chosenTasks.add(t.flags().included() != null ? in : in.includedBy(file, t.when().size()));
            }
        });
        String set = readsWhatTheySet(List.of(new Task.Expr(rendered, at)), chosenTasks);
        if (set != null) {
            diags.error(at, "the file name of include_tasks reads '" + set + "', which an included task sets: Ansible renders "
                    + "the name once, before the tasks; Rigger would render it on each. Render the name into a variable "
                    + "with set_fact before the include, and name that");
        }
        out.addAll(chosenTasks);
        return out;
    }

    /**
     * A file name template as one expression: its text parts quoted and its {{ }} parts joined with ~,
     * None as '' (Ansible renders None in a text so); a name that is one {{ }} is its value as a string.
     */
    static String nameExpression(String template) {
        java.util.regex.Matcher m = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL).matcher(template);
        if (m.matches()) return "((" + m.group(1).strip() + ") | string)";
        m.reset();
        List<String> parts = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            if (m.start() > last) parts.add(pyString(template.substring(last, m.start())));
            String e = "(" + m.group(1).strip() + ")";
            parts.add("(" + e + " if " + e + " is not none else '')");
            last = m.end();
        }
        if (last < template.length()) parts.add(pyString(template.substring(last)));
        return String.join(" ~ ", parts);
    }

    private static String pyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private List<Task> role(YNode.Mapping m, String key, YNode.Mapping args, boolean dynamic, List<Task.Expr> when,
                            List<String> tags, Map<String, Object> vars, Boolean become, Inherited kw, Path dir,
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
                        from, once, exposed, tags, vars, kw, null)
                : new RoleLoader.Use(name, args.get("name").location(), vars, Map.of(), when, tags, become, from,
                        once, exposed, null, Map.of(), kw, null);
        return roles.expand(use, null, play, diags).tasks();
    }

    /** Ansible evaluates an include's condition once; put on every task, it must not read what they set. */
    private static void checkOnceCondition(List<Task.Expr> when, List<Task> body, String action, Diagnostics diags) {
        String n = readsWhatTheySet(when, body);
        if (n != null) {
            diags.error(when.get(0).location(), "the condition of " + action + " reads '" + n + "', which an included task sets: "
                    + "Ansible tests it once, before the tasks; Rigger would test it on each. Use "
                    + action.replace("include", "import") + " (tested on each task) or a condition on a name the tasks do not set");
        }
    }

    /** A name that one of {@code exprs} reads and a task of {@code body} sets (registers, set_fact, include_vars), or null. */
    private static String readsWhatTheySet(List<Task.Expr> exprs, List<Task> body) {
        Set<String> set = new LinkedHashSet<>();
        for (Task t : body) {
            if (t.register() != null) set.add(t.register());
            if (Set.of("set_fact", "ansible.builtin.set_fact", "include_vars", "ansible.builtin.include_vars").contains(t.module())
                    && t.args() instanceof YNode.Mapping a) {
                set.addAll(a.entries().keySet());
            }
        }
        for (Task.Expr e : exprs) {
            for (String n : set) {
                if (Pattern.compile("\\b" + Pattern.quote(n) + "\\b").matcher(e.source()).find()) return n;
            }
        }
        return null;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
