package dev.rigger.engine.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Group membership as Ansible reconciles it: every group sits under {@code all}, hosts that are in
 * no other group go to {@code ungrouped}, and a group holds the hosts of all its descendants.
 * Immutable once built.
 */
final class GroupGraph {
    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";

    private final Map<String, List<String>> hosts = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();
    private final Map<String, List<String>> ownHosts = new LinkedHashMap<>();
    private final Map<String, List<String>> groupsOfHost = new HashMap<>();
    private final Map<String, Integer> depth = new HashMap<>();

    /**
     * @param hostOrder every host, in inventory order
     * @param direct    group -> hosts declared directly in it (names not in hostOrder are ignored)
     * @param childMap  group -> direct child groups; must have no loops
     */
    GroupGraph(List<String> hostOrder, Map<String, ? extends Collection<String>> direct,
               Map<String, ? extends Collection<String>> childMap) {
        Map<String, Set<String>> kids = new LinkedHashMap<>();
        kids.put(ALL, new LinkedHashSet<>(List.of(UNGROUPED))); // Ansible lists ungrouped first
        kids.put(UNGROUPED, new LinkedHashSet<>());
        direct.keySet().forEach(g -> kids.computeIfAbsent(g, k -> new LinkedHashSet<>()));
        childMap.forEach((g, cs) -> {
            kids.computeIfAbsent(g, k -> new LinkedHashSet<>()).addAll(cs);
            cs.forEach(c -> kids.computeIfAbsent(c, k -> new LinkedHashSet<>()));
        });
        attachTopLevelToAll(kids);
        kids.forEach((g, cs) -> children.put(g, List.copyOf(cs)));
        Map<String, Set<String>> directHosts = directWithUngrouped(hostOrder, direct, kids.keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < hostOrder.size(); i++) index.put(hostOrder.get(i), i);
        for (String g : kids.keySet()) {
            Set<String> all = g.equals(ALL) ? new HashSet<>(hostOrder) : collect(g, directHosts, new HashSet<>());
            List<String> sorted = new ArrayList<>(all);
            sorted.removeIf(h -> !index.containsKey(h));
            sorted.sort(Comparator.comparing(index::get));
            hosts.put(g, List.copyOf(sorted));
            List<String> own = g.equals(ALL) ? new ArrayList<>() : new ArrayList<>(directHosts.getOrDefault(g, Set.of()));
            own.removeIf(h -> !index.containsKey(h));
            own.sort(Comparator.comparing(index::get));
            ownHosts.put(g, List.copyOf(own));
            sorted.forEach(h -> groupsOfHost.computeIfAbsent(h, k -> new ArrayList<>()).add(g));
            depthOf(g, new HashSet<>());
        }
    }

    /** Ansible makes every group without a parent a child of {@code all}. */
    private static void attachTopLevelToAll(Map<String, Set<String>> kids) {
        Set<String> hasParent = new HashSet<>();
        kids.values().forEach(hasParent::addAll);
        for (String g : kids.keySet()) {
            if (!g.equals(ALL) && !hasParent.contains(g)) kids.get(ALL).add(g);
        }
    }

    private static Map<String, Set<String>> directWithUngrouped(
            List<String> hostOrder, Map<String, ? extends Collection<String>> direct, Set<String> groups) {
        Map<String, Set<String>> result = new HashMap<>();
        Set<String> grouped = new HashSet<>();
        direct.forEach((g, hs) -> {
            if (g.equals(ALL) || g.equals(UNGROUPED)) return;
            result.put(g, new LinkedHashSet<>(hs));
            grouped.addAll(hs);
        });
        Set<String> ungrouped = new LinkedHashSet<>();
        for (String h : hostOrder) if (!grouped.contains(h)) ungrouped.add(h);
        result.put(UNGROUPED, ungrouped);
        groups.forEach(g -> result.putIfAbsent(g, Set.of()));
        return result;
    }

    private Set<String> collect(String g, Map<String, Set<String>> direct, Set<String> visiting) {
        if (!visiting.add(g)) throw new IllegalArgumentException("group loop through '" + g + "'");
        Set<String> out = new HashSet<>(direct.getOrDefault(g, Set.of()));
        for (String c : children.getOrDefault(g, List.of())) out.addAll(collect(c, direct, visiting));
        visiting.remove(g);
        return out;
    }

    /** Depth as Ansible sorts groups for vars: all is 0, a group is one deeper than its deepest parent. */
    private int depthOf(String g, Set<String> visiting) {
        Integer known = depth.get(g);
        if (known != null) return known;
        if (!visiting.add(g)) throw new IllegalArgumentException("group loop through '" + g + "'");
        int d = 0;
        for (Map.Entry<String, List<String>> e : children.entrySet()) {
            if (e.getValue().contains(g)) d = Math.max(d, depthOf(e.getKey(), visiting) + 1);
        }
        depth.put(g, d);
        return d;
    }

    Map<String, List<String>> hosts() { return Collections.unmodifiableMap(hosts); }

    Map<String, List<String>> children() { return Collections.unmodifiableMap(children); }

    /** Group -> the hosts declared in it itself (not through children), in host order; none for {@code all}. */
    Map<String, List<String>> directHosts() { return Collections.unmodifiableMap(ownHosts); }

    List<String> groupsOf(String host) { return List.copyOf(groupsOfHost.getOrDefault(host, List.of())); }

    int depth(String group) { return depth.getOrDefault(group, 0); }
}
