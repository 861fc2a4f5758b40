package dev.rigger.engine.load;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.model.Play;
import dev.rigger.engine.model.Playbook;
import dev.rigger.engine.model.Task;
import dev.rigger.engine.vault.Vault;
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
    private static final Set<String> PLAY_KEYS = Set.of("name", "hosts", "vars", "vars_files",
            "become", "become_user", "gather_facts", "tasks", "pre_tasks", "post_tasks", "handlers",
            "tags", "serial", "remote_user", "any_errors_fatal", "facts", "preflight", "secret_vars");

    private final YamlReader yaml = new YamlReader();
    private final TaskParser tasks = new TaskParser(yaml);
    private final java.util.Set<Path> importing = new java.util.HashSet<>();
    private final VaultReader vault;

    public PlaybookLoader() {
        this(VaultReader.none());
    }

    /** @param vault decrypts vault-encrypted {@code vars_files} and learns their values as secrets */
    public PlaybookLoader(VaultReader vault) {
        this.vault = vault;
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
            if (n instanceof YNode.Mapping m && m.has("import_playbook")) {
                importPlaybook(m, dir, out, diags);
            } else if (n instanceof YNode.Mapping m) {
                play(m, dir, diags).ifPresent(out::add);
            } else {
                diags.error(n.location(), "a play is a mapping with 'hosts' and 'tasks'");
            }
        }
        return Optional.of(new Playbook(file, out));
    }

    /** {@code - import_playbook: other.yml}: that file's plays, inline, in order. */
    private void importPlaybook(YNode.Mapping m, Path dir, List<Play> out, Diagnostics diags) {
        String f = Nodes.string(m.get("import_playbook"), diags);
        if (f == null) return;
        Path target = dir.resolve(f).normalize();
        if (!importing.add(target)) {
            diags.error(m.keyLocation("import_playbook"), "playbook imports itself: " + target);
            return;
        }
        try {
            load(target, m.get("import_playbook").location(), diags).ifPresent(pb -> out.addAll(pb.plays()));
        } finally {
            importing.remove(target);
        }
    }

    private Optional<Play> play(YNode.Mapping m, Path dir, Diagnostics diags) {
        for (String key : m.entries().keySet()) {
            if (!PLAY_KEYS.contains(key)) {
                diags.error(m.keyLocation(key), "unknown play keyword '" + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(PLAY_KEYS)) + ")");
            }
        }
        String hosts = Nodes.string(m.get("hosts"), diags);
        if (hosts == null) {
            diags.error(m.location(), "a play needs 'hosts'");
            return Optional.empty();
        }
        Map<String, Object> vars = new LinkedHashMap<>(vault.inline(Path.of(m.location().file()), Nodes.vars(m.get("vars"), diags), diags));
        for (String f : Nodes.strings(m.get("vars_files"), diags)) vars.putAll(varsFile(dir.resolve(f), m.get("vars_files").location(), diags));
        String name = Nodes.string(m.get("name"), diags);
        return Optional.of(new Play(name != null ? name : hosts, hosts, vars, Nodes.strings(m.get("secret_vars"), diags),
                Nodes.bool(m.get("become"), false, diags),
                tasks.list(m.get("pre_tasks"), dir, diags), tasks.list(m.get("tasks"), dir, diags),
                tasks.list(m.get("post_tasks"), dir, diags), tasks.list(m.get("handlers"), dir, diags),
                facts(m.get("facts"), diags), rules(m.get("preflight"), diags), dir, m.location()));
    }

    /** One vars file, decrypted if it is a vault; a vault's values are secrets from then on. */
    private Map<String, Object> varsFile(Path file, Location reference, Diagnostics diags) {
        Optional<String> raw = yaml.text(file, reference, diags);
        if (raw.isEmpty()) return Map.of();
        Map<String, Object> vars = vault.open(file, raw.get(), diags).flatMap(t -> yaml.read(file, t, diags))
                .map(v -> Nodes.vars(v, diags)).orElse(Map.of());
        if (Vault.isEncrypted(raw.get())) vault.learn(vars);
        return vault.inline(file, vars, diags);
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
