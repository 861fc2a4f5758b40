package dev.rigger.cli;

import dev.rigger.engine.inventory.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What ansible-inventory 2.14 prints, built from an {@link Inventory}: {@code --list} (groups with
 * their own hosts and children, hosts' variables under {@code _meta}), {@code --list --yaml} (the
 * tree from {@code all}) and {@code --graph [--vars]}. Its code is the reference: cli/inventory.py.
 */
final class InventoryListing {
    private final Inventory inv;

    InventoryListing(Inventory inv) {
        this.inv = inv;
    }

    private Map<String, Object> vars(String host) {
        return inv.host(host).orElseThrow().vars();
    }

    /** {@code --list}: empty groups and empty host variables left out, as json_inventory does. */
    Map<String, Object> list() {
        Map<String, Object> root = new TreeMap<>();
        for (String g : inv.groupChildren().keySet()) {
            Map<String, Object> group = new TreeMap<>();
            List<String> own = inv.groupOwnHosts().getOrDefault(g, List.of());
            List<String> children = inv.groupChildren().getOrDefault(g, List.of());
            if (!own.isEmpty()) group.put("hosts", own);
            if (!children.isEmpty()) group.put("children", children);
            if (!group.isEmpty()) root.put(g, group);
        }
        Map<String, Object> hostvars = new TreeMap<>();
        for (String h : inv.hostNames()) {
            if (!vars(h).isEmpty()) hostvars.put(h, new TreeMap<>(vars(h)));
        }
        root.put("_meta", Map.of("hostvars", hostvars));
        return root;
    }

    /** {@code --list --yaml}: each host's variables once, under the first group that lists it. */
    Map<String, Object> yaml() {
        return Map.of("all", yamlGroup("all", new ArrayList<>()));
    }

    private Map<String, Object> yamlGroup(String g, List<String> seen) {
        Map<String, Object> out = new TreeMap<>();
        Map<String, Object> children = new TreeMap<>();
        for (String c : inv.groupChildren().getOrDefault(g, List.of())) children.put(c, yamlGroup(c, seen));
        Map<String, Object> hosts = new TreeMap<>();
        for (String h : inv.groupOwnHosts().getOrDefault(g, List.of())) {
            hosts.put(h, seen.contains(h) ? Map.of() : new TreeMap<>(vars(h)));
            seen.add(h);
        }
        if (!children.isEmpty()) out.put("children", children);
        if (!hosts.isEmpty()) out.put("hosts", hosts);
        return out;
    }

    /** {@code --graph GROUP [--vars]}: the text tree. */
    List<String> graph(String group, boolean showVars) {
        List<String> out = new ArrayList<>();
        graph(group, 0, showVars, out);
        return out;
    }

    private void graph(String g, int depth, boolean showVars, List<String> out) {
        out.add(indent("@" + g + ":", depth));
        for (String c : inv.groupChildren().getOrDefault(g, List.of())) graph(c, depth + 1, showVars, out);
        for (String h : inv.groupOwnHosts().getOrDefault(g, List.of())) {
            out.add(indent(h, depth + 1));
            if (showVars) showVars(vars(h), depth + 2, out);
        }
        if (showVars) showVars(inv.groupVars(g), depth + 1, out);
    }

    private static void showVars(Map<String, Object> vars, int depth, List<String> out) {
        new TreeMap<>(vars).forEach((k, v) -> out.add(indent("{" + k + " = " + PythonText.str(v) + "}", depth)));
    }

    private static String indent(String name, int depth) {
        return depth == 0 ? name : "  |".repeat(depth) + "--" + name;
    }
}
