package dev.rigger.engine.load;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.model.LoopControl;
import dev.rigger.engine.yaml.YNode;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every play, block and task keyword of Ansible 2.14, each either implemented or refused at
 * load with what to do instead, so no keyword is accepted and silently ignored (a dropped
 * {@code serial} would update every host at once). Some are implemented for one value only
 * ({@code order: inventory}); any other value is refused.
 * {@code AnsibleKeywordsTest} checks the table against ansible-core's own attribute lists.
 */
public final class AnsibleKeywords {
    /** Where Ansible allows a keyword: on a play, a {@code block:} mapping, a task (or handler). */
    public enum Where { PLAY, BLOCK, TASK }

    /**
     * How Rigger treats a keyword.
     *
     * @param accepts  the values Rigger implements (every value when {@code implemented})
     * @param accepted what {@code accepts} lets through, for the message (null: every value)
     * @param instead  what to do instead, for the refusal
     */
    public record Rule(Set<Where> where, Predicate<Object> accepts, String accepted, String instead) {
        public boolean implemented() { return accepted == null && instead == null; }

        public boolean refused() { return accepted == null && instead != null; }
    }

    private static final Set<Where> ALL = EnumSet.allOf(Where.class);
    private static final Set<Where> PLAY = EnumSet.of(Where.PLAY);
    private static final Set<Where> TASK = EnumSet.of(Where.TASK);
    private static final Set<Where> BLOCK_TASK = EnumSet.of(Where.BLOCK, Where.TASK);
    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        // play only
        yes("hosts", PLAY);
        yes("tasks", PLAY);
        yes("pre_tasks", PLAY);
        yes("post_tasks", PLAY);
        yes("handlers", PLAY);
        yes("vars_files", PLAY);
        yes("gather_facts", PLAY);
        yes("gather_subset", PLAY);
        no("gather_timeout", PLAY, "remove it: the facts are read in one round trip, bounded by --timeout");
        no("fact_path", PLAY, "Rigger reads no local facts (facts.d); read what you need with set_fact or the play's facts:");
        yes("roles", PLAY);
        yes("serial", PLAY);
        yes("max_fail_percentage", PLAY);
        yes("force_handlers", PLAY);
        no("vars_prompt", PLAY, "give the values with -e NAME=VALUE (or a vars file)");
        yes("order", PLAY);
        only("strategy", PLAY, "free"::equals, "free",
                "Rigger walks each host on its own, as strategy free: a task that must wait for another host's "
                        + "task says so with needs: (or by reading its registered result)");
        // play, block and task
        yes("name", ALL);
        yes("vars", ALL);
        yes("tags", ALL);
        yes("become", ALL);
        yes("become_user", ALL);
        only("become_method", ALL, v -> "sudo".equals(v) || "su".equals(v), "sudo or su",
                "Rigger becomes another user through sudo or su only");
        no("become_exe", ALL, "Rigger runs sudo from the host's PATH; remove become_exe");
        no("become_flags", ALL, "remove become_flags; Rigger runs sudo non-interactively (-n, or -S with a become password)");
        yes("any_errors_fatal", PLAY);
        only("any_errors_fatal", BLOCK_TASK, v -> Boolean.FALSE.equals(Values.toBool(v)), "false",
                "on a task or block not supported yet: set any_errors_fatal: true on the play");
        only("connection", ALL, v -> "ssh".equals(v) || "smart".equals(v) || "local".equals(v), "ssh, smart or local",
                "set ansible_connection (ssh or local) for the host in the inventory");
        // accepted here, checked at compile against each host's user (compile/Compiler.checkRemoteUsers)
        yes("remote_user", ALL);
        no("port", ALL, "set ansible_port for the host in the inventory");
        yes("environment", ALL);
        no("collections", ALL, "remove it and write module names as short names or ansible.builtin.NAME");
        no("module_defaults", ALL, "write the arguments on each task (YAML anchors can share them)");
        no("debugger", ALL, "remove it; Rigger has no task debugger (--check shows each task's plan)");
        no("diff", ALL, "remove it; Rigger reports every change with its diff");
        yes("ignore_unreachable", ALL);
        yes("run_once", BLOCK_TASK);
        no("run_once", PLAY, "set run_once on the tasks (or a block of them)");
        yes("throttle", ALL);
        only("check_mode", BLOCK_TASK, v -> true, null, null);
        no("check_mode", PLAY, "set check_mode on the tasks, or run with --check");
        yes("ignore_errors", BLOCK_TASK);
        no("ignore_errors", PLAY, "set ignore_errors on the tasks, or put them in a block with ignore_errors");
        yes("no_log", BLOCK_TASK);
        no("no_log", PLAY, "set no_log on the tasks (or a block of them), or name the variables in the play's secret_vars");
        only("timeout", TASK, v -> true, null, null);
        no("timeout", EnumSet.of(Where.PLAY, Where.BLOCK), "set timeout on the tasks, or --timeout for the run");
        // block and task
        yes("delegate_to", BLOCK_TASK);
        yes("delegate_facts", BLOCK_TASK);
        no("notify", EnumSet.of(Where.BLOCK), "set notify on the tasks");
        yes("notify", TASK);
        yes("block", EnumSet.of(Where.BLOCK));
        yes("rescue", EnumSet.of(Where.BLOCK));
        yes("always", EnumSet.of(Where.BLOCK));
        // task only
        yes("args", TASK);
        yes("register", TASK);
        yes("when", BLOCK_TASK);
        yes("changed_when", TASK);
        yes("failed_when", TASK);
        yes("loop", TASK);
        yes("loop_control", TASK);
        yes("listen", TASK);
        no("action", TASK, "write the module as the task's key: copy: {src: a, dest: b}");
        yes("local_action", TASK);
        no("async", TASK, "remove async/poll: Rigger runs each task to its end (timeout: bounds it)");
        no("poll", TASK, "remove async/poll: Rigger runs each task to its end (timeout: bounds it)");
        yes("until", TASK);
        yes("retries", TASK);
        yes("delay", TASK);
    }

    /** loop_control's keys (Ansible's LoopControl). */
    private static final Map<String, String> LOOP_CONTROL = new LinkedHashMap<>();

    static {
        LOOP_CONTROL.put("loop_var", null);
        LOOP_CONTROL.put("index_var", null);
        // display only: Rigger folds a loop's items into one line and never prints an item
        LOOP_CONTROL.put("label", null);
        LOOP_CONTROL.put("pause", "not supported yet: remove it, or add a pause task");
        LOOP_CONTROL.put("extended", null);
        LOOP_CONTROL.put("extended_allitems", null);
    }

    /**
     * The keywords of a role as named ({@code roles:} entry, dependency): ansible-core's Role
     * attributes, all of them block keywords too; every other key of the entry is a role param.
     */
    public static final Set<String> ROLE = Set.of("any_errors_fatal", "become", "become_exe", "become_flags", "become_method",
            "become_user", "check_mode", "collections", "connection", "debugger", "delegate_facts", "delegate_to", "diff",
            "environment", "ignore_errors", "ignore_unreachable", "module_defaults", "name", "no_log", "port", "remote_user",
            "run_once", "tags", "throttle", "timeout", "vars", "when");

    private AnsibleKeywords() { }

    /**
     * Reports every keyword of a role entry that Rigger refuses, as on a block (a role hands its
     * keywords to its tasks as a block does).
     *
     * @return whether any was refused
     */
    static boolean refuseOnRole(YNode.Mapping m, Diagnostics diags) {
        Map<String, YNode.Mapping.Entry> keywords = new LinkedHashMap<>(m.entries());
        keywords.keySet().retainAll(ROLE);
        return refuse(new YNode.Mapping(keywords, m.location()), Where.BLOCK, diags);
    }

    private static void yes(String k, Set<Where> where) {
        only(k, where, v -> true, null, null);
    }

    private static void no(String k, Set<Where> where, String instead) {
        only(k, where, v -> false, null, instead);
    }

    /** Adds a rule; a keyword may have one rule per place (check_mode: tasks yes, plays no). */
    private static void only(String k, Set<Where> where, Predicate<Object> accepts, String accepted, String instead) {
        for (Where w : where) {
            if (RULES.containsKey(w + " " + k)) throw new IllegalStateException("twice: " + w + " " + k);
            RULES.put(w + " " + k, new Rule(where, accepts, accepted, instead));
        }
    }

    /** The rule for keyword {@code k} at {@code w}, or null when Ansible has no such keyword there. */
    public static Rule rule(Where w, String k) {
        if (w == Where.TASK && k.startsWith("with_")) {
            return LoopControl.lookup(k.substring("with_".length())) != null ? RULES.get("TASK loop")
                    : new Rule(TASK, v -> false, null, "Rigger runs with_" + String.join(", with_", LoopControl.LOOKUPS)
                            + "; write loop: with a filter or lookup instead (range, query(...))");
        }
        return RULES.get(w + " " + k);
    }

    /** Whether {@code k} is a keyword Ansible knows at {@code w} (so not a module name). */
    static boolean isKeyword(Where w, String k) {
        return rule(w, k) != null;
    }

    /** The keywords of {@code w} as a sorted set, for tests and docs. */
    public static Set<String> keywords(Where w) {
        Set<String> out = new java.util.TreeSet<>();
        RULES.keySet().stream().filter(k -> k.startsWith(w + " ")).forEach(k -> out.add(k.substring(k.indexOf(' ') + 1)));
        return out;
    }

    /** loop_control's keys, each to null (implemented) or what to do instead. */
    public static Map<String, String> loopControl() {
        return java.util.Collections.unmodifiableMap(LOOP_CONTROL);
    }

    /**
     * Reports every keyword of {@code m} that Rigger refuses at {@code w}, or accepts with
     * another value only, at its key.
     *
     * @return whether any was refused (the mapping is then not used)
     */
    static boolean refuse(YNode.Mapping m, Where w, Diagnostics diags) {
        boolean refused = false;
        for (var e : m.entries().entrySet()) {
            Rule r = rule(w, e.getKey());
            if (r == null) continue;
            YNode node = e.getValue().value();
            Object value = node instanceof YNode.Scalar s ? s.value() : node;
            if (!r.accepts().test(value)) {
                refused = true;
                String what = r.accepted() == null ? "'" + e.getKey() + "' is not supported"
                        : "'" + e.getKey() + ": " + value + "' is not supported (only " + e.getKey() + ": " + r.accepted() + ")";
                diags.error(m.keyLocation(e.getKey()), what + ": " + r.instead());
            }
        }
        if (w == Where.TASK && m.get("loop_control") instanceof YNode.Mapping lc) {
            for (String k : lc.entries().keySet()) {
                if (!LOOP_CONTROL.containsKey(k)) {
                    refused = true;
                    diags.error(lc.keyLocation(k), "unknown loop_control key '" + k + "' (known: " + String.join(", ", LOOP_CONTROL.keySet()) + ")");
                } else if (LOOP_CONTROL.get(k) != null) {
                    refused = true;
                    diags.error(lc.keyLocation(k), "loop_control '" + k + "' is not supported: " + LOOP_CONTROL.get(k));
                }
            }
        }
        return refused;
    }
}
