package dev.rigger.engine.load;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.model.BlockFrame;
import dev.rigger.engine.model.LoopControl;
import dev.rigger.engine.model.Task;
import dev.rigger.engine.yaml.YNode;
import dev.rigger.engine.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads task lists: every key of a task is either a keyword below or the one module call.
 * Imports and includes of tasks and roles are expanded where they stand ({@link Imports}).
 */
final class TaskParser {
    /** Rigger's own task keywords; Ansible's are in {@link AnsibleKeywords}. */
    static final Set<String> RIGGER_KEYWORDS = Set.of("needs");

    private final YamlReader yaml;
    private final Deque<Path> including = new ArrayDeque<>();
    private final RoleLoader roles;
    private final Imports imports;
    private RoleLoader.PlayRoles play;
    /** How many blocks were read: each gets its own number, which its tasks' frames carry. */
    private int blocks;

    TaskParser(YamlReader yaml, VarsFile varsFiles, RoleSearch search) {
        this.yaml = yaml;
        this.roles = new RoleLoader(yaml, this, varsFiles, search);
        this.imports = new Imports(this, roles);
    }

    RoleLoader roles() {
        return roles;
    }

    /** Whether {@code file} is being read now (an include of it would include itself). */
    boolean reading(Path file) {
        return including.contains(file.toAbsolutePath().normalize());
    }

    /** The play whose tasks are read next: imported roles add their handlers and vars to it. */
    void startPlay(RoleLoader.PlayRoles play) {
        this.play = play;
    }

    /** @param reference the {@code import_tasks} that names {@code file}, or null when it is read on its own */
    List<Task> file(Path file, Location reference, Diagnostics diags) {
        Path abs = file.toAbsolutePath().normalize();
        if (including.contains(abs)) {
            diags.error(reference != null ? reference : new Location(file.toString(), 0, 0), "tasks file includes itself: " + including);
            return List.of();
        }
        Optional<YNode> root = yaml.read(file, reference, diags);
        if (root.isEmpty()) return List.of();
        including.push(abs);
        if (play == null) play = new RoleLoader.PlayRoles(abs.getParent());
        try {
            return list(root.get(), abs.getParent(), diags);
        } finally {
            including.pop();
        }
    }

    List<Task> list(YNode n, Path dir, Diagnostics diags) {
        List<Task> out = new ArrayList<>();
        if (n == null || (n instanceof YNode.Scalar s && s.value() == null)) return out;
        if (!(n instanceof YNode.Seq seq)) {
            diags.error(n.location(), "expected a list of tasks");
            return out;
        }
        for (YNode item : seq.items()) {
            if (item instanceof YNode.Mapping m) {
                task(m, dir, out, diags);
            } else {
                diags.error(item.location(), "a task is a mapping: a module call plus keywords");
            }
        }
        return out;
    }

    private void task(YNode.Mapping m, Path dir, List<Task> out, Diagnostics diags) {
        // Ansible reads a mapping with any of the three lists as a block
        boolean isBlock = m.has("block") || m.has("rescue") || m.has("always");
        AnsibleKeywords.Where where = isBlock ? AnsibleKeywords.Where.BLOCK : AnsibleKeywords.Where.TASK;
        if (AnsibleKeywords.refuse(m, where, diags)) return;
        if (m.has("remote_user")) play.remoteUsers.add(PlaybookLoader.remoteUser(m, diags));
        if (m.has("any_errors_fatal")) play.notFatal.add(m.keyLocation("any_errors_fatal"));
        if (!isBlock && m.has("local_action")) {
            m = localAction(m, diags);
            if (m == null) return;
        }
        if (isBlock) {
            block(m, dir, out, diags);
            return;
        }
        List<String> modules = m.entries().keySet().stream()
                .filter(k -> !AnsibleKeywords.isKeyword(where, k) && !RIGGER_KEYWORDS.contains(k)).toList();
        if (modules.isEmpty()) {
            diags.error(m.location(), "task has no module call (keys: " + m.entries().keySet() + ")");
            return;
        }
        if (modules.size() > 1) {
            diags.error(m.keyLocation(modules.get(1)), "task calls more than one module: " + modules
                    + " (or a keyword is misspelled)");
            return;
        }
        String module = modules.get(0);
        String action = Imports.action(module);
        if (action != null) {
            imports.expand(m, module, action, dir, play, out, diags);
            return;
        }
        if (Task.META.contains(module) && !meta(m, module, diags)) return;
        Task t = build(m, module, dir, diags);
        // Ansible runs end_play, end_batch and clear_host_errors once, for the first host of the batch, whose when decides for all
        out.add(t.metaAction() != null && List.of("end_play", "end_batch", "clear_host_errors").contains(t.metaAction()) ? t.once() : t);
    }

    /** Ansible's meta actions Rigger does not run, each with why and what to write instead. */
    private static final Map<String, String> META_REFUSED = Map.of(
            "refresh_inventory", "Rigger reads the inventory once, before it compiles the run (the DAG is built from it): "
                    + "run rigger again after what changes the inventory, or split the playbook",
            "end_role", "Ansible 2.14 has no end_role");

    /**
     * A {@code meta} task Rigger runs, or false after reporting why not: an action it refuses or
     * does not know, a {@code when} where Ansible ignores it (flush_handlers) or applies the first
     * host's answer to all (clear_facts).
     */
    private static boolean meta(YNode.Mapping m, String module, Diagnostics diags) {
        YNode a = m.get(module);
        String action = a instanceof YNode.Scalar s && s.value() instanceof String v ? v.strip() : null;
        if (action == null) {
            diags.error(a.location(), "meta takes one action: " + String.join(", ", Task.META_ACTIONS));
            return false;
        }
        if (META_REFUSED.containsKey(action)) {
            diags.error(a.location(), "'meta: " + action + "' is not supported: " + META_REFUSED.get(action));
            return false;
        }
        if (!Task.META_ACTIONS.contains(action)) {
            diags.error(a.location(), "unknown meta action '" + action + "' (known: " + String.join(", ", Task.META_ACTIONS) + ")");
            return false;
        }
        for (String k : List.of("loop", "register", "notify", "until", "delegate_to", "run_once")) {
            if (m.has(k)) {
                diags.error(m.keyLocation(k), "'" + k + "' on meta: " + action + " does nothing: remove it");
                return false;
            }
        }
        if (m.has("when") && (action.equals("flush_handlers") || action.equals("clear_facts"))) {
            diags.error(m.keyLocation("when"), action.equals("flush_handlers")
                    ? "Ansible flushes handlers whatever when says: remove when"
                    : "Ansible clears every host's facts on the first host's condition: Rigger clears each host's own, so remove when");
            return false;
        }
        return true;
    }

    /**
     * A block's three lists, each task (nested blocks and imports included) given the block's
     * frame and what it inherits from the block: when, tags, vars, become, and the keywords of
     * {@link Inherited}.
     */
    private void block(YNode.Mapping m, Path dir, List<Task> out, Diagnostics diags) {
        for (String k : m.entries().keySet()) {
            if (!AnsibleKeywords.isKeyword(AnsibleKeywords.Where.BLOCK, k)) {
                diags.error(m.keyLocation(k), "'" + k + "' is not a block keyword: a block holds tasks in block, rescue "
                        + "and always; write the module call as a task of one of them");
                return;
            }
        }
        int id = ++blocks;
        List<Task> handlers = play == null ? List.of() : play.handlers;
        int handlersBefore = handlers.size();
        List<Task> body = list(m.get("block"), dir, diags);
        List<Task> rescue = list(m.get("rescue"), dir, diags);
        List<Task> always = list(m.get("always"), dir, diags);
        String name = Nodes.string(m.get("name"), diags);
        List<Task.Expr> when = conditions(m.get("when"), diags);
        List<String> tags = Nodes.strings(m.get("tags"), diags);
        Map<String, Object> vars = Nodes.vars(m.get("vars"), diags);
        Boolean become = Nodes.optionalBool(m.get("become"), diags);
        Inherited kw = Inherited.read(m, diags);
        // handlers of roles imported or included in this block: Ansible makes the block their parent (IncludeRole.get_block_list),
        // so its conditions, vars, become and keywords reach them; its tags select no handler, its rescue catches none
        kw.ontoHandlers(handlers, handlersBefore, when, vars, become, diags);
        List<List<Task>> lists = List.of(body, rescue, always);
        for (BlockFrame.Section section : BlockFrame.Section.values()) {
            BlockFrame frame = new BlockFrame(id, section, !rescue.isEmpty(), name, m.location());
            for (Task t : lists.get(section.ordinal())) {
                if ("flush_handlers".equals(t.metaAction())) {
                    diags.error(t.location(), "meta: flush_handlers in a block is not supported yet: put it between blocks");
                    continue;
                }
                out.add(kw.onto(t.inBlock(frame, when, tags, vars, become, null, null, null), diags));
            }
        }
    }

    /** A task keyword's true/false given as a template, which Ansible renders per host; null otherwise. */
    private static Task.Expr templated(YNode n) {
        return n instanceof YNode.Scalar s && s.value() instanceof String text && text.contains("{{")
                ? new Task.Expr(text, n.location()) : null;
    }

    /** The loop's lookup and what loop_control sets (AnsibleKeywords refused the keys Rigger does not run). */
    private static LoopControl loopControl(YNode.Mapping m, String lookup, Diagnostics diags) {
        if (!(m.get("loop_control") instanceof YNode.Mapping lc)) return new LoopControl(lookup, "item", null, false, true);
        String loopVar = lc.has("loop_var") ? Nodes.string(lc.get("loop_var"), diags) : "item";
        String indexVar = lc.has("index_var") ? Nodes.string(lc.get("index_var"), diags) : null;
        return new LoopControl(lookup, loopVar, indexVar, Nodes.bool(lc.get("extended"), false, diags),
                Nodes.bool(lc.get("extended_allitems"), true, diags));
    }

    private Task build(YNode.Mapping m, String module, Path dir, Diagnostics diags) {
        List<String> loops = m.entries().keySet().stream().filter(k -> k.equals("loop") || k.startsWith("with_")).toList();
        if (loops.size() > 1) diags.error(m.keyLocation(loops.get(1)), "a task has one loop, not " + loops);
        YNode loop = loops.isEmpty() ? null : m.get(loops.get(0));
        LoopControl loopControl = loopControl(m, loops.isEmpty() || loops.get(0).equals("loop") ? null
                : LoopControl.lookup(loops.get(0).substring("with_".length())), diags);
        Integer timeout = null;
        if (m.get("timeout") instanceof YNode.Scalar s && s.value() instanceof Number n) {
            timeout = n.intValue();
        } else if (m.has("timeout")) {
            diags.error(m.get("timeout").location(), "timeout is a number of seconds");
        }
        return new Task(Nodes.string(m.get("name"), diags), module, m.keyLocation(module),
                args(m, module, diags), conditions(m.get("when"), diags), loop, loopControl,
                Nodes.string(m.get("register"), diags), Nodes.strings(m.get("notify"), diags),
                Nodes.strings(m.get("listen"), diags), Nodes.strings(m.get("tags"), diags),
                flag(m, "ignore_errors", diags),
                expr(m.get("changed_when"), diags),
                expr(m.get("failed_when"), diags), Nodes.optionalBool(m.get("check_mode"), diags),
                needs(m.get("needs"), diags), Nodes.optionalBool(m.get("become"), diags),
                flag(m, "no_log", diags), Nodes.vars(m.get("vars"), diags),
                timeout, dir, m.location(), null, List.of(), List.of(), until(m, diags), runOnce(m, diags),
                new Task.Flags(templated(m.get("ignore_errors")), templated(m.get("no_log"))), delegation(m, diags),
                environment(m.get("environment"), diags), becomeAs(m, diags), throttle(m, diags),
                Nodes.optionalBool(m.get("ignore_unreachable"), diags));
    }

    /**
     * A task's {@code ignore_errors} or {@code no_log}: null when not written (what is around the
     * task decides), false when a template decides (see {@link Task.Flags}), else as written.
     */
    private static Boolean flag(YNode.Mapping m, String key, Diagnostics diags) {
        if (!m.has(key)) return null;
        return templated(m.get(key)) != null ? Boolean.FALSE : Nodes.optionalBool(m.get(key), diags);
    }

    /** {@code throttle} of a play, block or task: a whole number (0: no limit); a template is refused. */
    static int throttle(YNode.Mapping m, Diagnostics diags) {
        return m.has("throttle") ? count(m, "throttle", 0, diags) : 0;
    }

    /** {@code become_user} (a name or a template) and {@code become_method} (sudo or su) of a play, block or task; null without either. */
    static Task.BecomeAs becomeAs(YNode.Mapping m, Diagnostics diags) {
        Task.Expr user = null;
        if (m.has("become_user")) {
            if (m.get("become_user") instanceof YNode.Scalar s && s.value() != null && !String.valueOf(s.value()).isBlank()) {
                user = new Task.Expr(String.valueOf(s.value()).strip(), s.location());
            } else {
                diags.error(m.get("become_user").location(), "become_user names a user (or a template giving one)");
            }
        }
        String method = m.has("become_method") ? Nodes.string(m.get("become_method"), diags) : null;
        return user == null && method == null ? null : new Task.BecomeAs(user, method);
    }

    /**
     * An {@code environment} of a play, role, block or task: a mapping of names to values (templates
     * inside), or a template giving one (Ansible's {@code environment: "{{ proxy_env }}"}); as a list, none or one.
     */
    static List<Object> environment(YNode n, Diagnostics diags) {
        if (n == null || (n instanceof YNode.Scalar s && s.value() == null)) return List.of();
        if (n instanceof YNode.Mapping m) return List.of(m.plain());
        if (n instanceof YNode.Scalar s && s.value() instanceof String text && text.contains("{{")) return List.of(text);
        diags.error(n.location(), "environment is a mapping of variable names to values, or a template giving one");
        return List.of();
    }

    /**
     * {@code delegate_to} (with {@code delegate_facts}) and {@code connection: local} of a task or
     * block, or null when it has neither; {@code delegate_facts} alone is refused, as it does nothing.
     */
    static Task.Delegation delegation(YNode.Mapping m, Diagnostics diags) {
        boolean local = m.get("connection") instanceof YNode.Scalar c && "local".equals(c.value());
        Task.Expr to = null;
        if (m.has("delegate_to")) {
            if (m.get("delegate_to") instanceof YNode.Scalar s && s.value() != null && !String.valueOf(s.value()).isBlank()) {
                to = new Task.Expr(String.valueOf(s.value()).strip(), s.location());
            } else {
                diags.error(m.get("delegate_to").location(), "delegate_to names one host (or a template giving its name)");
            }
        }
        Boolean facts = Nodes.optionalBool(m.get("delegate_facts"), diags);
        if (m.has("delegate_facts") && to == null) {
            diags.error(m.keyLocation("delegate_facts"), "delegate_facts without delegate_to beside it: Rigger does not join it to an enclosing block's "
                    + "delegate_to (Ansible does); put delegate_facts beside the delegate_to it is for, or add delegate_to: HOST here");
        }
        return to == null && !local ? null : new Task.Delegation(to, local, facts);
    }

    /**
     * {@code local_action: MODULE ARGS} (or a mapping with {@code module:}) as Ansible reads it: the
     * module call with {@code delegate_to: localhost}; null when it cannot be read (reported).
     */
    private static YNode.Mapping localAction(YNode.Mapping m, Diagnostics diags) {
        YNode la = m.get("local_action");
        Location at = m.keyLocation("local_action");
        if (m.has("delegate_to")) {
            diags.error(m.keyLocation("delegate_to"), "local_action runs on localhost: remove delegate_to, or write the module as the task's key");
            return null;
        }
        String module;
        YNode args;
        if (la instanceof YNode.Scalar s && s.value() instanceof String text && !text.isBlank()) {
            String[] parts = text.strip().split("\\s+", 2);
            module = parts[0];
            args = new YNode.Scalar(parts.length > 1 ? parts[1] : null, s.location());
        } else if (la instanceof YNode.Mapping lm && lm.get("module") instanceof YNode.Scalar ms && ms.value() instanceof String name) {
            module = name;
            Map<String, YNode.Mapping.Entry> rest = new java.util.LinkedHashMap<>(lm.entries());
            rest.remove("module");
            args = new YNode.Mapping(rest, lm.location());
        } else {
            diags.error(la.location(), "local_action is 'MODULE ARGS' or a mapping with module: MODULE and its arguments");
            return null;
        }
        if (AnsibleKeywords.isKeyword(AnsibleKeywords.Where.TASK, module) || m.has(module)) {
            diags.error(la.location(), "local_action names '" + module + "', which is no module here");
            return null;
        }
        Map<String, YNode.Mapping.Entry> entries = new java.util.LinkedHashMap<>(m.entries());
        entries.remove("local_action");
        entries.put(module, new YNode.Mapping.Entry(at, args));
        entries.put("delegate_to", new YNode.Mapping.Entry(at, new YNode.Scalar("localhost", at)));
        return new YNode.Mapping(entries, m.location());
    }

    /** {@code run_once}; with {@code notify} refused, as which hosts' handlers it notifies is not settled yet. */
    private static Boolean runOnce(YNode.Mapping m, Diagnostics diags) {
        Boolean once = Nodes.optionalBool(m.get("run_once"), diags);
        if (Boolean.TRUE.equals(once) && m.has("notify")) {
            diags.error(m.keyLocation("run_once"), "run_once with notify is not supported yet: notify from a task without "
                    + "run_once, or run the handler's work as a run_once task");
        }
        return once;
    }

    /** {@code until} with Ansible's defaults (retries 3, delay 5); retries or delay without until are refused, as they would do nothing. */
    private static Task.Until until(YNode.Mapping m, Diagnostics diags) {
        if (!m.has("until")) {
            for (String k : List.of("retries", "delay")) {
                if (m.has(k)) diags.error(m.keyLocation(k), "'" + k + "' without until does nothing in Ansible 2.14: add until: CONDITION, or remove it");
            }
            return null;
        }
        return new Task.Until(conditions(m.get("until"), diags), count(m, "retries", 3, diags), count(m, "delay", 5, diags));
    }

    private static int count(YNode.Mapping m, String k, int dflt, Diagnostics diags) {
        YNode n = m.get(k);
        if (n == null) return dflt;
        if (n instanceof YNode.Scalar s) {
            Object v = s.value();
            if (v instanceof Number num && num.doubleValue() == num.intValue()) return num.intValue();
            if (v instanceof String str && str.strip().matches("-?\\d+")) return Integer.parseInt(str.strip());
        }
        diags.error(n.location(), k + " is a whole number (a template is not supported here: give the number, or -e it as a play var and write it out)");
        return dflt;
    }

    /** The module's arguments; {@code args:} entries are merged under the inline ones. */
    private YNode args(YNode.Mapping m, String module, Diagnostics diags) {
        YNode inline = m.get(module);
        YNode extra = m.get("args");
        if (extra == null) return inline;
        if (!(extra instanceof YNode.Mapping em)) {
            diags.error(extra.location(), "args must be a mapping");
            return inline;
        }
        Map<String, YNode.Mapping.Entry> merged = new java.util.LinkedHashMap<>(em.entries());
        if (inline instanceof YNode.Mapping im) {
            merged.putAll(im.entries());
        } else if (inline instanceof YNode.Scalar s && s.value() != null) {
            merged.put("_raw", new YNode.Mapping.Entry(s.location(), s));
        }
        return new YNode.Mapping(merged, inline == null ? extra.location() : inline.location());
    }

    static List<Task.Expr> conditions(YNode n, Diagnostics diags) {
        List<Task.Expr> out = new ArrayList<>();
        if (n == null) return out;
        if (n instanceof YNode.Seq seq) {
            for (YNode item : seq.items()) {
                Task.Expr e = expr(item, diags);
                if (e != null) out.add(e);
            }
        } else {
            Task.Expr e = expr(n, diags);
            if (e != null) out.add(e);
        }
        return out;
    }

    private static Task.Expr expr(YNode n, Diagnostics diags) {
        if (n == null) return null;
        if (n instanceof YNode.Scalar s && s.value() != null) {
            // as written: a condition in {{ }} is tested as Ansible tests a templated one (expr/CompiledExpression)
            return new Task.Expr(s.value().toString(), s.location());
        }
        diags.error(n.location(), "expected an expression");
        return null;
    }

    private static List<Task.Need> needs(YNode n, Diagnostics diags) {
        List<Task.Need> out = new ArrayList<>();
        if (n == null) return out;
        List<YNode> items = n instanceof YNode.Seq seq ? seq.items() : List.of(n);
        for (YNode item : items) {
            if (item instanceof YNode.Scalar s && s.value() != null) {
                out.add(new Task.Need(s.value().toString(), null, s.location()));
            } else if (item instanceof YNode.Mapping m && m.has("task")) {
                out.add(new Task.Need(Nodes.string(m.get("task"), diags),
                        Nodes.string(m.get("hosts"), diags), m.location()));
            } else {
                diags.error(item.location(), "a need is a task name, or {task: NAME, hosts: PATTERN}");
            }
        }
        return out;
    }
}
