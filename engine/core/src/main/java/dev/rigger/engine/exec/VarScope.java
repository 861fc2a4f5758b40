package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.compile.CompiledTask;
import dev.rigger.engine.compile.RoleLayers;
import dev.rigger.engine.expr.Omit;
import java.nio.file.Path;
import dev.rigger.engine.compile.TaskNode;
import dev.rigger.engine.model.Play;
import java.util.AbstractMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the variables a task sees, in Ansible's precedence (lowest first): role defaults,
 * inventory (group, then host) vars, the host's facts, play vars (vars_files included), role vars, task vars,
 * include_vars, registered results and set_fact, role params, extra vars ({@code -e}, which beat everything). Templates are rendered lazily, on
 * first read, against the merged whole ({@link LazyVars}). Built-ins ({@code inventory_hostname},
 * {@code groups}, {@code hostvars}, ...) are added last and cannot be overridden.
 */
final class VarScope {
    /** What Ansible's default {@code ansible_managed} renders to. */
    static final String ANSIBLE_MANAGED = "Ansible managed";

    private final CompiledRun run;
    private final RunState state;
    private final boolean check;

    /** ansible_play_hosts per play: the hosts with a node of that play, in inventory order. */
    private final Map<Play, List<String>> playHosts = new IdentityHashMap<>();

    VarScope(CompiledRun run, RunState state, boolean check) {
        this.run = run;
        this.state = state;
        this.check = check;
        Map<Play, Set<String>> hostsOf = new IdentityHashMap<>();
        for (TaskNode n : run.graph().allNodes()) hostsOf.computeIfAbsent(n.task().play(), p -> new HashSet<>()).add(n.host());
        hostsOf.forEach((play, hosts) -> playHosts.put(play,
                run.inventory().hostNames().stream().filter(hosts::contains).toList()));
    }

    /** @param node the node the task runs as: its serial batch is {@code ansible_play_batch} */
    Map<String, Object> forNode(String host, CompiledTask task, TaskNode node) {
        Map<String, Object> scope = scope(host, task.playVars(), task.vars(), task.roles());
        List<String> hosts = playHosts.getOrDefault(task.play(), List.of());
        List<String> batch = run.graph().batchOf(node);
        // as Ansible's: the play's hosts (every batch's), and the batch, without the hosts left out because their gathering failed
        scope.put("ansible_play_hosts", inPlay(hosts, task.play()));
        scope.put("ansible_play_batch", inPlay(batch != null ? batch : hosts, task.play()));
        scope.put("ansible_play_hosts_all", hosts);
        String file = task.task().location().file();
        Path playDir = task.play().baseDir();
        if (!scope.containsKey("playbook_dir")) {
            Path dir = playDir != null ? playDir : file.isEmpty() ? null : Path.of(file).toAbsolutePath().getParent();
            if (dir != null) scope.put("playbook_dir", dir.toAbsolutePath().normalize().toString());
        }
        // as Ansible's Task.get_search_path: the role's folder, then the task file's; lookups look there before playbook_dir
        if (!scope.containsKey("ansible_search_path")) {
            List<String> path = new java.util.ArrayList<>();
            for (Path d : task.task().searchDirs(null)) path.add(d.toAbsolutePath().normalize().toString());
            scope.put("ansible_search_path", path);
        }
        return scope;
    }

    private List<String> inPlay(List<String> hosts, Play play) {
        return hosts.stream().filter(h -> state.leftOut(h, play) == null).toList();
    }

    /** The scope of a play on a host, with {@code taskVars} on top (empty for preflight rules). */
    Map<String, Object> forPlay(String host, Map<String, Object> playVars, Map<String, Object> taskVars) {
        return scope(host, playVars, taskVars, RoleLayers.NONE);
    }

    private Map<String, Object> scope(String host, Map<String, Object> playVars, Map<String, Object> taskVars, RoleLayers roles) {
        Map<String, Object> trees = new HashMap<>(roles.defaults());
        trees.putAll(run.hostVars().getOrDefault(host, Map.of()));
        facts(host, trees);
        trees.putAll(playVars);
        trees.putAll(roles.vars());
        trees.putAll(taskVars);
        trees.putAll(state.included(host));
        trees.putAll(state.registered(host));
        trees.putAll(roles.params());
        trees.putAll(run.extraVars());
        builtins(host, trees);
        LazyVars scope = new LazyVars(trees);
        trees.put("vars", scope);
        return scope;
    }

    /**
     * The host's Ansible facts, above the inventory and below the play's vars as in Ansible:
     * {@code ansible_facts} and each fact as {@code ansible_NAME} (INJECT_FACTS_AS_VARS); a fact its
     * module returned without the prefix by its own name, as Ansible injects it ({@code services}).
     */
    private void facts(String host, Map<String, Object> trees) {
        Map<String, Object> facts = state.ansibleFacts(host);
        Map<String, Object> bare = state.bareFacts(host);
        facts.forEach((k, v) -> trees.put("ansible_" + k, v));
        trees.putAll(bare);
        if (bare.isEmpty()) {
            trees.put("ansible_facts", facts);
        } else {
            // ansible_facts holds both, the bare ones learnt later winning a shared name, as Ansible's namespace_facts
            Map<String, Object> all = new java.util.LinkedHashMap<>(facts);
            all.putAll(bare);
            trees.put("ansible_facts", all);
        }
    }

    private void builtins(String host, Map<String, Object> scope) {
        scope.put("inventory_hostname", host);
        scope.put("inventory_hostname_short", host.split("\\.")[0]);
        scope.put("groups", run.inventory().groups());
        scope.put("group_names", run.inventory().groupsOf(host).stream().filter(g -> !g.equals("all")).toList());
        scope.put("hostvars", new Hostvars());
        scope.put("ansible_check_mode", check);
        scope.put("omit", Omit.PLACEHOLDER);
        scope.put("ansible_managed", ANSIBLE_MANAGED);
        run.inventory().source().ifPresent(f -> {
            scope.put("inventory_file", f.toString());
            scope.put("inventory_dir", f.getParent() == null ? "/" : f.getParent().toString());
        });
        scope.put("facts", state.facts(host));
    }

    /**
     * {@code hostvars[h]}: host h's inventory vars and registered results, read live so a
     * result registered by another host is seen as soon as that host's task has finished, and
     * templated lazily in h's own variables (reading one value renders only that one).
     */
    private final class Hostvars extends AbstractMap<String, Object> {
        @Override
        public Object get(Object key) {
            if (!(key instanceof String h) || !run.hostVars().containsKey(h)) return null;
            Map<String, Object> trees = new HashMap<>(run.hostVars().get(h));
            facts(h, trees);
            trees.putAll(state.included(h));
            trees.put("inventory_hostname", h);
            trees.putAll(state.registered(h));
            return new LazyVars(trees);
        }

        @Override
        public boolean containsKey(Object key) {
            return run.hostVars().containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return run.hostVars().keySet().stream()
                    .map(h -> Map.entry(h, get(h)))
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        }
    }
}
