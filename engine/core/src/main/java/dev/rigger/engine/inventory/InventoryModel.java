package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a parser read from one inventory file, before group_vars/host_vars and precedence:
 * hosts with their inline vars, groups with direct hosts, children and inline vars.
 * Mutable on purpose: both parsers fill it line by line, then {@link VarsMerger} freezes it.
 */
final class InventoryModel {

    /** A host as declared; {@code at} is its first declaration, used to place later errors. */
    record HostDef(String name, Location at, Map<String, Object> vars) {}

    /** A group; {@code at} is where it was first mentioned. */
    record GroupDef(String name, Location at, Set<String> hosts, Set<String> children,
                    Map<String, Object> vars) {}

    private final Map<String, HostDef> hosts = new LinkedHashMap<>();
    private final Map<String, GroupDef> groups = new LinkedHashMap<>();

    InventoryModel() {
        group(GroupGraph.ALL, Location.NONE);
        group(GroupGraph.UNGROUPED, Location.NONE);
    }

    Map<String, HostDef> hosts() { return hosts; }

    Map<String, GroupDef> groups() { return groups; }

    GroupDef group(String name, Location at) {
        return groups.computeIfAbsent(name, n -> new GroupDef(n, at, new LinkedHashSet<>(),
                new LinkedHashSet<>(), new LinkedHashMap<>()));
    }

    /** Declares {@code name} in {@code group}; a repeated declaration merges its vars over the earlier ones. */
    HostDef addHost(String name, String group, Location at) {
        HostDef h = hosts.computeIfAbsent(name, n -> new HostDef(n, at, new LinkedHashMap<>()));
        group(group, at).hosts().add(name);
        return h;
    }

    /** Another source's hosts, groups and vars merged into this one, as Ansible reads several {@code -i}: later sources win. */
    void mergeFrom(InventoryModel other, Diagnostics diags) {
        other.hosts.values().forEach(h -> hosts.computeIfAbsent(h.name(), n -> new HostDef(n, h.at(), new LinkedHashMap<>())).vars().putAll(h.vars()));
        other.groups.values().forEach(g -> {
            GroupDef mine = group(g.name(), g.at());
            mine.hosts().addAll(g.hosts());
            mine.vars().putAll(g.vars());
            g.children().forEach(c -> addChild(g.name(), c, g.at(), diags));
        });
    }

    /** Adds a parent -> child edge unless it would make a loop, which Ansible also rejects. */
    void addChild(String parent, String child, Location at, Diagnostics diags) {
        if (parent.equals(child) || reaches(child, parent)) {
            diags.error(at, "adding group '" + child + "' as child to '" + parent
                    + "' creates a recursive dependency loop");
            return;
        }
        if (child.equals(GroupGraph.ALL)) {
            diags.error(at, "group 'all' cannot be a child of '" + parent + "'");
            return;
        }
        group(parent, at);
        group(child, at);
        groups.get(parent).children().add(child);
    }

    private boolean reaches(String from, String to) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        todo.push(from);
        while (!todo.isEmpty()) {
            String g = todo.pop();
            if (g.equals(to)) return true;
            GroupDef def = groups.get(g);
            if (def != null && seen.add(g)) def.children().forEach(todo::push);
        }
        return false;
    }
}
