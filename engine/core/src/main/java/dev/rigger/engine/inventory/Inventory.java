package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.vault.VaultReader;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosts and groups Rigger manages, loaded from an Ansible INI or YAML inventory plus its
 * {@code group_vars/} and {@code host_vars/}. Immutable. Variable precedence is described on
 * {@link VarsMerger}; membership follows Ansible ({@code all} holds every host, {@code ungrouped}
 * those in no other group, a group holds the hosts of its child groups).
 */
public final class Inventory {
    private final Map<String, InventoryHost> hosts;
    private final List<String> hostNames;
    private final GroupGraph graph;
    private final Map<String, Object> allVars;
    /** Each group's own variables (inventory, then its group_vars files), for ansible-inventory's --graph --vars. */
    private final Map<String, Map<String, Object>> groupVars;
    /** The file it was read from (Ansible's inventory_file), null for one built in code. */
    private final Path source;

    Inventory(Map<String, InventoryHost> hosts, GroupGraph graph, Map<String, Map<String, Object>> groupVars) {
        this(hosts, graph, groupVars.getOrDefault(GroupGraph.ALL, Map.of()), groupVars, null);
    }

    private Inventory(Map<String, InventoryHost> hosts, GroupGraph graph, Map<String, Object> allVars,
                      Map<String, Map<String, Object>> groupVars, Path source) {
        this.groupVars = Collections.unmodifiableMap(new LinkedHashMap<>(groupVars));
        this.hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        this.hostNames = List.copyOf(hosts.keySet());
        this.graph = graph;
        this.allVars = Collections.unmodifiableMap(new LinkedHashMap<>(allVars));
        this.source = source;
    }

    Inventory from(Path file) {
        return new Inventory(hosts, graph, allVars, groupVars, file.toAbsolutePath().normalize());
    }

    /** The inventory file, absolute; empty for an inventory built in code. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /**
     * Reads an inventory file: YAML for {@code .yml}, {@code .yaml} and {@code .json}, or when the
     * content looks like YAML; INI otherwise. Problems become diagnostics with file:line:col and the
     * inventory holds whatever could be read; this never throws for bad input.
     */
    public static Inventory load(Path path, Diagnostics diags) {
        return load(path, diags, VaultReader.none());
    }

    /**
     * Several sources, as ansible-playbook's repeated {@code -i}: an inventory file, a folder (each
     * inventory file in it; Ansible's ignored extensions, .ini among them, skipped) or a host list
     * {@code 'h1,h2,'}. {@link #source()} is the first file or folder.
     */
    public static Inventory load(List<String> sources, Diagnostics diags, VaultReader vault) {
        return InventoryLoader.load(sources, diags, vault);
    }

    /** As above, with the group_vars/ and host_vars/ of {@code playbookDirs} over the inventory's, as Ansible reads them. */
    public static Inventory load(List<String> sources, List<Path> playbookDirs, Diagnostics diags, VaultReader vault) {
        return InventoryLoader.load(sources, playbookDirs, diags, vault);
    }

    /** As {@link #load(Path, Diagnostics)}, decrypting vault files in {@code group_vars/} and {@code host_vars/}. */
    public static Inventory load(Path path, Diagnostics diags, VaultReader vault) {
        return InventoryLoader.load(path, diags, vault);
    }

    /**
     * An inventory built in code: {@code groups} maps a group to its direct hosts (each must be one
     * of {@code hosts}, else IllegalArgumentException); {@code all} and {@code ungrouped} are added.
     */
    public static Inventory of(List<InventoryHost> hosts, Map<String, List<String>> groups) {
        Map<String, InventoryHost> byName = new LinkedHashMap<>();
        for (InventoryHost h : hosts) byName.put(h.name(), h);
        groups.forEach((g, members) -> members.forEach(h -> {
            if (!byName.containsKey(h)) throw new IllegalArgumentException("group '" + g + "' has unknown host '" + h + "'");
        }));
        GroupGraph graph = new GroupGraph(List.copyOf(byName.keySet()), groups, Map.of());
        return new Inventory(byName, graph, Map.of());
    }

    /**
     * This inventory with {@code defaults} under every host's variables: what ansible-playbook's
     * {@code -u}, {@code --private-key} and {@code -c} set, which a host's own {@code ansible_user},
     * {@code ansible_ssh_private_key_file} or {@code ansible_connection} (from any group) still beats.
     */
    public Inventory withHostDefaults(Map<String, Object> defaults) {
        if (defaults.isEmpty()) return this;
        Path base = source == null ? null : source.getParent();
        Map<String, InventoryHost> out = new LinkedHashMap<>();
        hosts.forEach((n, h) -> {
            Map<String, Object> vars = new LinkedHashMap<>(defaults);
            vars.putAll(h.vars());
            out.put(n, ConnectionVars.toHost(n, vars, Location.NONE, base, new Diagnostics()));
        });
        Map<String, Object> all = new LinkedHashMap<>(defaults);
        all.putAll(allVars);
        return new Inventory(out, graph, all, groupVars, source);
    }

    /** Every host, in the order the inventory first declared it. */
    public List<String> hostNames() { return hostNames; }

    /**
     * The host of that name. As in Ansible, {@code localhost}, {@code 127.0.0.1} and {@code ::1}
     * exist implicitly (local connection, {@code all} vars) when the inventory does not declare them.
     */
    public Optional<InventoryHost> host(String name) {
        InventoryHost h = hosts.get(name);
        if (h != null) return Optional.of(h);
        if (!HostPattern.LOCALHOST.contains(name)) return Optional.empty();
        Map<String, Object> vars = new LinkedHashMap<>(allVars);
        vars.put("ansible_connection", "local");
        return Optional.of(new InventoryHost(name, name, ConnectionVars.DEFAULT_PORT, ConnectionVars.DEFAULT_USER,
                null, "local", vars));
    }

    /**
     * The host of that name as {@link #host} finds it, else one the inventory does not declare,
     * as Ansible makes it for a {@code delegate_to}: reached by that name, with the {@code all} vars.
     */
    public InventoryHost hostOrImplicit(String name) {
        return host(name).orElseGet(() -> ConnectionVars.toHost(name, new LinkedHashMap<>(allVars), Location.NONE,
                source == null ? null : source.getParent(), new Diagnostics()));
    }

    /** Group -> every host in it or its descendants, in host order; includes {@code all} and {@code ungrouped}. */
    public Map<String, List<String>> groups() { return graph.hosts(); }

    /**
     * Group -> the hosts declared in it itself, not through a child group, in host order (as
     * ansible-inventory lists them); hosts of no group are in {@code ungrouped}, none in {@code all}.
     */
    public Map<String, List<String>> groupOwnHosts() { return graph.directHosts(); }

    /** A group's own variables: its inventory vars, then its group_vars file(s) over them; empty for an unknown group. */
    public Map<String, Object> groupVars(String group) { return groupVars.getOrDefault(group, Map.of()); }

    /** Group -> its direct child groups; {@code all} lists every top-level group. */
    public Map<String, List<String>> groupChildren() { return graph.children(); }

    /** Every group the host is in, directly or through children, {@code all} included; empty if unknown. */
    public List<String> groupsOf(String host) { return graph.groupsOf(host); }

    /** Hosts matching an Ansible host pattern, in inventory order; see {@link HostPattern}. */
    public List<String> select(String pattern, Location at, Diagnostics diags) {
        return HostPattern.select(this, pattern, at, diags);
    }

    boolean hasHost(String name) { return hosts.containsKey(name); }
}
