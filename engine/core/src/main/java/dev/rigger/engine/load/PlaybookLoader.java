package dev.rigger.engine.load;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.model.Gathering;
import dev.rigger.engine.model.Play;
import dev.rigger.engine.model.Playbook;
import dev.rigger.engine.model.Task;
import dev.rigger.engine.vault.VaultReader;
import dev.rigger.engine.yaml.YNode;
import dev.rigger.engine.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a playbook file into {@link Playbook} records: plays, their vars (with
 * {@code vars_files} merged), and tasks (with {@code import_tasks}/{@code include_tasks}
 * inlined). Problems become diagnostics with the user's file:line:col.
 */
public final class PlaybookLoader {
    /** Rigger's own play keywords; Ansible's are in {@link AnsibleKeywords}. */
    private static final Set<String> RIGGER_PLAY_KEYS = Set.of("facts", "preflight", "secret_vars");

    private final YamlReader yaml = new YamlReader();
    private final TaskParser tasks;
    private final java.util.Set<Path> importing = new java.util.HashSet<>();
    private final VarsFile varsFiles;

    public PlaybookLoader() {
        this(VaultReader.none());
    }

    /** @param vault decrypts vault-encrypted {@code vars_files} and learns their values as secrets */
    public PlaybookLoader(VaultReader vault) {
        this(vault, List.of());
    }

    /**
     * @param rolesPath where roles are looked up after {@code roles/} beside the playbook:
     *                  {@code ANSIBLE_ROLES_PATH}'s folders, then ansible.cfg's {@code roles_path}
     */
    public PlaybookLoader(VaultReader vault, List<Path> rolesPath) {
        this.varsFiles = new VarsFile(yaml, vault);
        this.tasks = new TaskParser(yaml, varsFiles, new RoleSearch(rolesPath));
    }

    /** The folders of {@code ANSIBLE_ROLES_PATH} (colon-separated; none when unset). */
    public static List<Path> rolesPathOf(String environmentValue) {
        return RoleSearch.parse(environmentValue);
    }

    public Optional<Playbook> load(Path file, Diagnostics diags) {
        return load(file, null, diags);
    }

    /** @param reference the {@code import_playbook} that names {@code file}, or null for the top level */
    private Optional<Playbook> load(Path file, Location reference, Diagnostics diags) {
        Optional<YNode> root = yaml.read(file, reference, diags);
        if (root.isEmpty()) return Optional.empty();
        if (!(root.get() instanceof YNode.Seq plays)) {
            diags.error(root.get().location(), "a playbook is a list of plays");
            return Optional.empty();
        }
        List<Play> out = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        for (YNode n : plays.items()) {
            if (n instanceof YNode.Mapping m && importPlaybookKey(m) != null) {
                importPlaybook(m, importPlaybookKey(m), dir, out, diags);
            } else if (n instanceof YNode.Mapping m) {
                play(m, dir, diags).ifPresent(out::add);
            } else {
                diags.error(n.location(), "a play is a mapping with 'hosts' and 'tasks'");
            }
        }
        return Optional.of(new Playbook(file, out));
    }

    private static String importPlaybookKey(YNode.Mapping m) {
        for (String k : List.of("import_playbook", "ansible.builtin.import_playbook", "ansible.legacy.import_playbook")) {
            if (m.has(k)) return k;
        }
        return null;
    }

    /** {@code - import_playbook: other.yml}: that file's plays, inline, in order. */
    private void importPlaybook(YNode.Mapping m, String key, Path dir, List<Play> out, Diagnostics diags) {
        for (String k : m.entries().keySet()) {
            if (!Set.of(key, "name", "tags", "vars", "when").contains(k)) {
                diags.error(m.keyLocation(k), "'" + k + "' on import_playbook is not applied by Rigger (known: name, tags, vars, when): set it on the imported plays");
            }
        }
        List<String> tags = Nodes.strings(m.get("tags"), diags);
        Map<String, Object> vars = Nodes.vars(m.get("vars"), diags);
        List<Task.Expr> when = TaskParser.conditions(m.get("when"), diags);
        String f = Nodes.string(m.get(key), diags);
        if (f == null) return;
        if (f.contains("{{")) {
            diags.error(m.get(key).location(), "import_playbook '" + f + "' is a template: name the file");
            return;
        }
        Path target = dir.resolve(f).normalize();
        if (!importing.add(target)) {
            diags.error(m.keyLocation(key), "playbook imports itself: " + target);
            return;
        }
        try {
            load(target, m.get(key).location(), diags).ifPresent(pb -> pb.plays().forEach(p -> out.add(imported(p, when, tags, vars))));
        } finally {
            importing.remove(target);
        }
    }

    /**
     * A play as an {@code import_playbook} with {@code when}, {@code tags} or {@code vars} gives
     * it: as Ansible, the condition and tags on each of its tasks, the vars over the play's own.
     */
    private static Play imported(Play p, List<Task.Expr> when, List<String> tags, Map<String, Object> vars) {
        if (when.isEmpty() && tags.isEmpty() && vars.isEmpty()) return p;
        Map<String, Object> v = new LinkedHashMap<>(p.vars());
        v.putAll(vars);
        return new Play(p.name(), p.hosts(), v, p.secretVars(), p.become(), inherit(p.preTasks(), when, tags),
                inherit(p.tasks(), when, tags), inherit(p.postTasks(), when, tags), p.handlers(), p.facts(),
                p.preflight(), p.baseDir(), p.location(), p.roles(), p.rolling(), p.gathering(), p.remoteUsers());
    }

    private static List<Task> inherit(List<Task> tasks, List<Task.Expr> when, List<String> tags) {
        return tasks.stream().map(t -> t.inherit(when, tags, Map.of(), Map.of(), null, null, null)).toList();
    }

    private Optional<Play> play(YNode.Mapping m, Path dir, Diagnostics diags) {
        for (String key : m.entries().keySet()) {
            if (!RIGGER_PLAY_KEYS.contains(key) && !AnsibleKeywords.isKeyword(AnsibleKeywords.Where.PLAY, key)) {
                java.util.Set<String> known = new java.util.TreeSet<>(RIGGER_PLAY_KEYS);
                known.addAll(AnsibleKeywords.keywords(AnsibleKeywords.Where.PLAY));
                diags.error(m.keyLocation(key), "unknown play keyword '" + key + "' (known: " + String.join(", ", known) + ")");
            }
        }
        AnsibleKeywords.refuse(m, AnsibleKeywords.Where.PLAY, diags);
        String hosts = Nodes.string(m.get("hosts"), diags);
        if (hosts == null) {
            diags.error(m.location(), "a play needs 'hosts'");
            return Optional.empty();
        }
        Map<String, Object> vars = new LinkedHashMap<>(varsFiles.inline(Path.of(m.location().file()), Nodes.vars(m.get("vars"), diags), diags));
        for (String f : Nodes.strings(m.get("vars_files"), diags)) vars.putAll(varsFiles.read(dir.resolve(f), m.get("vars_files").location(), diags));
        String name = Nodes.string(m.get("name"), diags);
        List<String> playTags = Nodes.strings(m.get("tags"), diags); // as Ansible: every task of the play has them
        RoleLoader.PlayRoles roles = new RoleLoader.PlayRoles(dir);
        tasks.startPlay(roles);
        List<Task> pre = tasks.list(m.get("pre_tasks"), dir, diags);
        // as Ansible: the roles run after pre_tasks, before tasks; their handlers come before the play's
        List<Task> main = new ArrayList<>(roles(m.get("roles"), roles, diags));
        List<Task> handlers = new ArrayList<>(roles.drainHandlers());
        main.addAll(tasks.list(m.get("tasks"), dir, diags));
        List<Task> post = tasks.list(m.get("post_tasks"), dir, diags);
        List<Task> imported = roles.drainHandlers();
        handlers.addAll(tasks.list(m.get("handlers"), dir, diags));
        handlers.addAll(imported);
        handlers.addAll(roles.drainHandlers());
        for (Task h : handlers) {
            if (h.runsOnce()) {
                // ansible-playbook 2.14 runs such a handler on some of the notified hosts (two of three when all three were notified)
                diags.error(h.location(), "run_once on the handler '" + h.displayName() + "' is not supported yet (Rigger would run it "
                        + "on every notified host): remove run_once, or do the work in a task with run_once");
            }
        }
        if (m.has("remote_user")) roles.remoteUsers.add(0, remoteUser(m, diags));
        List<Object> environment = TaskParser.environment(m.get("environment"), diags);
        if (!environment.isEmpty()) {
            // the play's environment under every task's (roles' and blocks' come between, already in each task's)
            pre = pre.stream().map(t -> t.inEnvironment(environment)).toList();
            main = new ArrayList<>(main.stream().map(t -> t.inEnvironment(environment)).toList());
            post = post.stream().map(t -> t.inEnvironment(environment)).toList();
            handlers = new ArrayList<>(handlers.stream().map(t -> t.inEnvironment(environment)).toList());
        }
        Task.BecomeAs becomeAs = TaskParser.becomeAs(m, diags);
        if (becomeAs != null) {
            pre = pre.stream().map(t -> t.becomingAs(becomeAs)).toList();
            main = new ArrayList<>(main.stream().map(t -> t.becomingAs(becomeAs)).toList());
            post = post.stream().map(t -> t.becomingAs(becomeAs)).toList();
            handlers = new ArrayList<>(handlers.stream().map(t -> t.becomingAs(becomeAs)).toList());
        }
        int throttle = TaskParser.throttle(m, diags);
        if (throttle != 0) {
            pre = pre.stream().map(t -> t.throttled(throttle)).toList();
            main = new ArrayList<>(main.stream().map(t -> t.throttled(throttle)).toList());
            post = post.stream().map(t -> t.throttled(throttle)).toList();
            handlers = new ArrayList<>(handlers.stream().map(t -> t.throttled(throttle)).toList());
        }
        if (Nodes.bool(m.get("ignore_unreachable"), false, diags)) {
            pre = pre.stream().map(Task::ignoringUnreachable).toList();
            main = new ArrayList<>(main.stream().map(Task::ignoringUnreachable).toList());
            post = post.stream().map(Task::ignoringUnreachable).toList();
            handlers = new ArrayList<>(handlers.stream().map(Task::ignoringUnreachable).toList());
        }
        Task.Delegation local = TaskParser.delegation(m, diags);
        if (local != null) {
            // connection: local on the play: every task runs on this machine, with each host's variables
            if (Nodes.bool(m.get("gather_facts"), true, diags)) {
                diags.error(m.keyLocation("connection"), "connection: local on a play would gather this machine's facts as each "
                        + "host's: add gather_facts: false, or set ansible_connection=local for the hosts in the inventory");
            }
            pre = pre.stream().map(t -> t.delegated(local)).toList();
            main = new ArrayList<>(main.stream().map(t -> t.delegated(local)).toList());
            post = post.stream().map(t -> t.delegated(local)).toList();
            handlers = new ArrayList<>(handlers.stream().map(t -> t.delegated(local)).toList());
        }
        dev.rigger.engine.model.Rolling rolling = RollingParser.read(m, diags);
        if (rolling.anyErrorsFatal()) {
            for (dev.rigger.engine.diag.Location at : roles.notFatal) {
                diags.error(at, "any_errors_fatal: false under a play with any_errors_fatal: true: in Ansible the nearest value "
                        + "wins, so a failure here would not stop the play, and Rigger cannot tell its tasks apart yet: remove "
                        + "any_errors_fatal from the play or from here (a block with rescue handles a failure that must not stop it)");
            }
        }
        return Optional.of(new Play(name != null ? name : hosts, hosts, vars, Nodes.strings(m.get("secret_vars"), diags),
                Nodes.bool(m.get("become"), false, diags), inherit(pre, List.of(), playTags), inherit(main, List.of(), playTags),
                inherit(post, List.of(), playTags), handlers,
                facts(m.get("facts"), diags), rules(m.get("preflight"), diags), dir, m.location(), roles.exposed,
                rolling, gathering(m, diags), roles.remoteUsers));
    }

    /** The {@code remote_user} of a play, block or task, with where it was written. */
    static Play.RemoteUser remoteUser(YNode.Mapping m, Diagnostics diags) {
        return new Play.RemoteUser(Nodes.string(m.get("remote_user"), diags), m.keyLocation("remote_user"));
    }

    /** {@code gather_facts} (on by default, as Ansible) and {@code gather_subset} (a list or a comma-separated string). */
    private static Gathering gathering(YNode.Mapping m, Diagnostics diags) {
        boolean on = Nodes.bool(m.get("gather_facts"), true, diags);
        YNode s = m.get("gather_subset");
        List<String> subset = new ArrayList<>();
        if (s instanceof YNode.Scalar sc && sc.value() != null) {
            for (String w : String.valueOf(sc.value()).split(",")) if (!w.isBlank()) subset.add(w.strip());
        } else if (s != null) {
            subset.addAll(Nodes.strings(s, diags));
        }
        return new Gathering(on, subset.isEmpty() ? Gathering.DEFAULT.subset() : subset);
    }

    /** {@code roles:}: each role's tasks (dependencies first), in order. */
    private List<Task> roles(YNode n, RoleLoader.PlayRoles play, Diagnostics diags) {
        List<Task> out = new ArrayList<>();
        if (n == null || (n instanceof YNode.Scalar s && s.value() == null)) return out;
        if (!(n instanceof YNode.Seq seq)) {
            diags.error(n.location(), "roles is a list of role names or {role: NAME, ...} entries");
            return out;
        }
        for (YNode item : seq.items()) {
            tasks.roles().entry(item, play, diags).ifPresent(u -> out.addAll(tasks.roles().expand(u, null, play, diags).tasks()));
        }
        return out;
    }

    /** {@code facts:}: name -> a read-only shell command whose trimmed output is the fact. */
    private static Map<String, Task.Expr> facts(YNode n, Diagnostics diags) {
        Map<String, Task.Expr> out = new LinkedHashMap<>();
        if (n == null) return out;
        if (!(n instanceof YNode.Mapping m)) {
            diags.error(n.location(), "facts is a mapping of fact names to read-only shell commands");
            return out;
        }
        m.entries().forEach((k, e) -> {
            String cmd = Nodes.string(e.value(), diags);
            if (cmd != null) out.put(k, new Task.Expr(cmd, e.value().location()));
        });
        return out;
    }

    /** {@code preflight:}: a list of {name, assert, message}. */
    private static List<Play.Rule> rules(YNode n, Diagnostics diags) {
        List<Play.Rule> out = new ArrayList<>();
        if (n == null) return out;
        if (!(n instanceof YNode.Seq seq)) {
            diags.error(n.location(), "preflight is a list of rules: {name, assert, message}");
            return out;
        }
        for (YNode item : seq.items()) {
            if (!(item instanceof YNode.Mapping r) || !r.has("assert") || !r.has("message")) {
                diags.error(item.location(), "a preflight rule needs 'assert' (an expression that must hold) and 'message' (what to do)");
                continue;
            }
            for (String k : r.entries().keySet()) {
                if (!Set.of("name", "assert", "message").contains(k)) diags.error(r.keyLocation(k), "unknown preflight rule key '" + k + "' (known: name, assert, message)");
            }
            String name = Nodes.string(r.get("name"), diags);
            String src = Nodes.string(r.get("assert"), diags);
            String msg = Nodes.string(r.get("message"), diags);
            if (src == null || msg == null) continue;
            out.add(new Play.Rule(name != null ? name : src, new Task.Expr(src, r.get("assert").location()),
                    new Task.Expr(msg, r.get("message").location()), r.location()));
        }
        return out;
    }

    /** Every YAML file read so far: playbooks, imports, task files, vars files. */
    public java.util.Set<Path> filesRead() {
        return yaml.filesRead();
    }

    /** Reads a tasks file on its own (for tests and {@code import_tasks}). */
    public List<Task> loadTasks(Path file, Diagnostics diags) {
        return tasks.file(file, null, diags);
    }

}
