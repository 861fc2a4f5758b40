package dev.rigger.engine.load;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.model.Role;
import dev.rigger.engine.model.Task;
import dev.rigger.engine.yaml.YNode;
import dev.rigger.engine.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands a role where it is used, as Ansible does at parse time: its {@code meta/main.yml}
 * dependencies first (each once per play unless it allows duplicates), then its tasks, each
 * carrying the role (for its variables and file lookups) and the keywords it was named with
 * ({@code when}, {@code tags}, {@code become} and those of {@link Inherited}), as Ansible's tasks read
 * their role's and its dependents' keywords; its handlers (its dependencies' too) join the play's,
 * with the same keywords but {@code tags} (which select no handler); {@code run_once} reaching a
 * handler is refused ({@link Inherited#ontoHandler}).
 */
final class RoleLoader {
    /** The keywords of a {@code roles:} entry read here; the others Ansible has on a role are checked by {@link AnsibleKeywords#refuseOnRole}. */
    static final Set<String> READ = Set.of("vars", "when", "tags", "become", "remote_user");

    /**
     * A role as named: by {@code roles:} or {@code dependencies:} ({@code once}: skipped when the
     * same role with the same vars already ran in the play), or by an import or include.
     *
     * @param from     {@code tasks}/{@code vars}/{@code defaults}/{@code handlers} -> file name ({@code tasks_from}, ...)
     * @param exposed  whether its defaults and vars are seen by the whole play
     * @param gate     an include's tags, which select the include rather than its tasks (null: none)
     * @param over     an include's vars, above the tasks' own
     * @param keywords what the role's tasks (its dependencies' too) and handlers inherit besides when, tags and become
     * @param remoteUser the entry's {@code remote_user}, checked at compile as a task's; null: none
     */
    record Use(String name, Location at, Map<String, Object> vars, Map<String, Object> params,
               List<Task.Expr> when, List<String> tags, Boolean become, Map<String, String> from,
               boolean once, boolean exposed, List<String> gate, Map<String, Object> over, Inherited keywords,
               dev.rigger.engine.model.Play.RemoteUser remoteUser) {
        /** A use without keywords of its own beyond when, tags and become. */
        Use(String name, Location at, Map<String, Object> vars, Map<String, Object> params,
            List<Task.Expr> when, List<String> tags, Boolean become, Map<String, String> from,
            boolean once, boolean exposed, List<String> gate, Map<String, Object> over) {
            this(name, at, vars, params, when, tags, become, from, once, exposed, gate, over, Inherited.NONE, null);
        }
    }

    /** What the roles of one play add to it besides tasks. */
    static final class PlayRoles {
        final List<Role> exposed = new ArrayList<>();
        final List<Task> handlers = new ArrayList<>();
        final Set<String> ran = new HashSet<>();
        /**
         * Where the play's tasks, blocks and role entries (roles' included) say {@code any_errors_fatal: false}: it
         * changes nothing unless the play says true, and then is refused (see PlaybookLoader).
         */
        final List<Location> notFatal = new ArrayList<>();
        /** Every remote_user written in the play's tasks and blocks (roles' included), checked at compile. */
        final List<dev.rigger.engine.model.Play.RemoteUser> remoteUsers = new ArrayList<>();
        final Path playDir;

        PlayRoles(Path playDir) {
            this.playDir = playDir;
        }

        List<Task> drainHandlers() {
            List<Task> out = List.copyOf(handlers);
            handlers.clear();
            return out;
        }
    }

    private final YamlReader yaml;
    private final TaskParser tasks;
    private final VarsFile varsFiles;
    private final RoleSearch search;
    private final Deque<Path> loading = new ArrayDeque<>();

    RoleLoader(YamlReader yaml, TaskParser tasks, VarsFile varsFiles, RoleSearch search) {
        this.yaml = yaml;
        this.tasks = tasks;
        this.varsFiles = varsFiles;
        this.search = search;
    }

    /** A {@code roles:} entry or a dependency: a name, or a mapping with {@code role:} (or {@code name:}) and its keywords. */
    Optional<Use> entry(YNode n, PlayRoles play, Diagnostics diags) {
        if (n instanceof YNode.Mapping em && em.has("any_errors_fatal")) play.notFatal.add(em.keyLocation("any_errors_fatal"));
        if (n instanceof YNode.Scalar s && s.value() != null) {
            return Optional.of(new Use(s.value().toString(), s.location(), Map.of(), Map.of(), List.of(), List.of(),
                    null, Map.of(), true, true, null, Map.of()));
        }
        if (!(n instanceof YNode.Mapping m) || !(m.has("role") || m.has("name"))) {
            diags.error(n.location(), "a role is a name, or a mapping with 'role' and its vars");
            return Optional.empty();
        }
        String key = m.has("role") ? "role" : "name";
        String name = Nodes.string(m.get(key), diags);
        if (name == null) return Optional.empty();
        Map<String, Object> params = new LinkedHashMap<>();
        if (AnsibleKeywords.refuseOnRole(m, diags)) return Optional.empty();
        for (var e : m.entries().entrySet()) {
            String k = e.getKey();
            if (k.equals(key) || k.equals("name") || READ.contains(k) || Inherited.KEYS.contains(k) || AnsibleKeywords.ROLE.contains(k)) continue;
            params.put(k, e.getValue().value().plain());
        }
        return Optional.of(new Use(name, m.get(key).location(), Nodes.vars(m.get("vars"), diags), params,
                TaskParser.conditions(m.get("when"), diags), Nodes.strings(m.get("tags"), diags),
                Nodes.optionalBool(m.get("become"), diags), Map.of(), true, true, null, Map.of(),
                Inherited.read(m, diags), m.has("remote_user") ? PlaybookLoader.remoteUser(m, diags) : null));
    }

    /** A role's tasks, its dependencies' first, and the role (null when it was not loaded: missing, or already run). */
    record Expanded(List<Task> tasks, Role role) {
        static final Expanded NONE = new Expanded(List.of(), null);
    }

    /** The role's tasks, its dependencies' first, with what {@code use} gives them. */
    Expanded expand(Use use, Path siblingOf, PlayRoles play, Diagnostics diags) {
        if (use.name().contains("{{")) {
            diags.error(use.at(), "role name '" + use.name() + "' is a template: Rigger resolves roles at load; name the role");
            return Expanded.NONE;
        }
        Path dir = search.find(use.name(), play.playDir, siblingOf);
        if (dir == null) {
            diags.error(use.at(), "role '" + use.name() + "' not found (looked in "
                    + String.join(", ", search.dirs(play.playDir, siblingOf).stream().map(Path::toString).toList()) + ")");
            return Expanded.NONE;
        }
        if (loading.contains(dir)) {
            diags.error(use.at(), "role '" + use.name() + "' depends on itself: " + loading);
            return Expanded.NONE;
        }
        YNode.Mapping meta = meta(dir, use.at(), diags);
        boolean allowDuplicates = meta != null && Nodes.bool(meta.get("allow_duplicates"), false, diags);
        if (use.once() && !allowDuplicates && !play.ran.add(dir + "\0" + use.vars() + "\0" + use.params())) return Expanded.NONE;
        loading.push(dir);
        try {
            return load(use, dir, meta, play, diags);
        } finally {
            loading.pop();
        }
    }

    private Expanded load(Use use, Path dir, YNode.Mapping meta, PlayRoles play, Diagnostics diags) {
        List<Task> out = new ArrayList<>();
        int handlersBefore = play.handlers.size();
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Object> vars = new LinkedHashMap<>();
        if (meta != null && meta.get("dependencies") instanceof YNode.Seq deps) {
            for (YNode d : deps.items()) {
                entry(d, play, diags).ifPresent(u -> {
                    Use dep = new Use(u.name(), u.at(), u.vars(), u.params(), u.when(), u.tags(), u.become(), Map.of(),
                            true, false, null, Map.of(), u.keywords(), u.remoteUser());
                    Expanded e = expand(dep, dir, play, diags);
                    out.addAll(e.tasks());
                    if (e.role() != null) {
                        defaults.putAll(e.role().defaults());
                        vars.putAll(e.role().vars());
                    }
                });
            }
        }
        defaults.putAll(varsFile(dir, "defaults", use, diags));
        vars.putAll(varsFiles.inline(dir, use.vars(), diags));
        vars.putAll(varsFile(dir, "vars", use, diags));
        Role role = new Role(use.name(), dir, defaults, vars, use.params(), use.at());
        Path taskFile = file(dir, "tasks", use, diags);
        if (taskFile != null) out.addAll(tasks.file(taskFile, use.at(), diags));
        Path handlerFile = file(dir, "handlers", use, diags);
        if (handlerFile != null) {
            for (Task h : tasks.file(handlerFile, use.at(), diags)) {
                play.handlers.add(h.inherit(List.of(), List.of(), Map.of(), use.over(), null, role, null));
            }
        }
        // the role's handlers and its dependencies' get the entry's keywords, when and become too, as Ansible's
        // handler blocks read their role and its dependency chain
        use.keywords().ontoHandlers(play.handlers, handlersBefore, use.when(), Map.of(), use.become(), diags);
        if (use.exposed()) play.exposed.add(role);
        if (use.remoteUser() != null) play.remoteUsers.add(use.remoteUser());
        return new Expanded(out.stream().map(t -> use.keywords().onto(t.inherit(use.when(), use.tags(), Map.of(), use.over(),
                use.become(), role, use.gate()), diags)).toList(), role);
    }

    private YNode.Mapping meta(Path dir, Location at, Diagnostics diags) {
        Path f = main(dir.resolve("meta"), "main");
        if (f == null) return null;
        Optional<YNode> n = yaml.read(f, at, diags);
        if (n.isEmpty() || n.get() instanceof YNode.Scalar) return null;
        if (n.get() instanceof YNode.Mapping m) return m;
        diags.error(n.get().location(), "meta/main.yml is a mapping (dependencies, allow_duplicates, galaxy_info)");
        return null;
    }

    private Map<String, Object> varsFile(Path dir, String kind, Use use, Diagnostics diags) {
        Path f = file(dir, kind, use, diags);
        return f == null ? Map.of() : varsFiles.read(f, use.at(), diags);
    }

    /** {@code <kind>/main.yml}, or the file {@code <kind>_from} names (an error when that one is missing). */
    private static Path file(Path dir, String kind, Use use, Diagnostics diags) {
        String from = use.from().get(kind);
        if (from == null) return main(dir.resolve(kind), "main");
        if (from.contains("{{")) {
            diags.error(use.at(), kind + "_from '" + from + "' is a template: Rigger resolves roles at load; name the file");
            return null;
        }
        Path f = main(dir.resolve(kind), from);
        if (f == null) diags.error(use.at(), kind + "_from: no file '" + from + "' in " + dir.resolve(kind));
        return f;
    }

    /** {@code name}, {@code name.yml} or {@code name.yaml} in {@code dir}, as Ansible tries them. */
    private static Path main(Path dir, String name) {
        for (String n : List.of(name, name + ".yml", name + ".yaml")) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }
}
