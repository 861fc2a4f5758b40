package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.InventoryModel.GroupDef;
import dev.rigger.engine.inventory.InventoryModel.HostDef;
import dev.rigger.engine.vault.VaultReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed {@link InventoryModel} into an {@link Inventory}: reconciles group membership,
 * loads {@code group_vars/} and {@code host_vars/} beside the inventory file, and merges each
 * host's variables. Precedence, lowest to highest (a later layer replaces a whole top-level key,
 * like Ansible's default {@code hash_behaviour=replace}):
 * <ol>
 *   <li>group {@code all}: its inventory vars, then {@code group_vars/all};</li>
 *   <li>every other group of the host, parents before children (by depth below {@code all}),
 *       then by {@code ansible_group_priority} (default 1, higher wins), then by name;
 *       for each group its inventory vars, then its {@code group_vars/<group>} file(s);</li>
 *   <li>the host's inline inventory vars (later declarations over earlier ones);</li>
 *   <li>{@code host_vars/<host>} file(s).</li>
 * </ol>
 * Where several folders hold group_vars/ and host_vars/ (several inventory sources, then the
 * playbooks' folders), each group's or host's files are read from every folder in turn, a later
 * folder's winning: the playbook's {@code group_vars/web} beats the inventory's, as in Ansible.
 * Note: real Ansible places all inventory-file group vars (every group) below group_vars/all;
 * Rigger keeps each group's inventory vars next to its group_vars file, which differs only when
 * a non-all group's inventory vars and group_vars/all set the same key.
 */
final class VarsMerger {
    private static final String PRIORITY = "ansible_group_priority";

    private final InventoryModel model;
    private final List<Path> baseDirs;
    private final List<Path> varsDirs;
    private final Diagnostics diags;
    private final VaultReader vault;

    private VarsMerger(InventoryModel model, List<Path> baseDirs, List<Path> varsDirs, Diagnostics diags, VaultReader vault) {
        this.model = model;
        this.baseDirs = baseDirs;
        this.varsDirs = varsDirs;
        this.diags = diags;
        this.vault = vault;
    }

    /**
     * @param baseDirs each inventory source's folder: where vars folders live (a later one's files win) and
     *                 key paths are relative to (the first)
     * @param varsDirs  where group_vars/ and host_vars/ are read, later ones winning: the inventory
     *                  folders, then the playbooks' (Ansible's playbook-adjacent vars beat the inventory's)
     * @param vault    decrypts vault-encrypted vars files
     */
    static Inventory resolve(InventoryModel model, List<Path> baseDirs, List<Path> varsDirs, Diagnostics diags, VaultReader vault) {
        List<Path> bases = baseDirs.isEmpty() ? List.of(Path.of("")) : baseDirs;
        return new VarsMerger(model, bases, varsDirs.isEmpty() ? bases : varsDirs, diags, vault).resolve();
    }

    private Inventory resolve() {
        List<String> order = new ArrayList<>(model.hosts().keySet());
        Map<String, List<String>> direct = new LinkedHashMap<>();
        Map<String, List<String>> children = new LinkedHashMap<>();
        model.groups().forEach((name, g) -> {
            direct.put(name, new ArrayList<>(g.hosts()));
            children.put(name, new ArrayList<>(g.children()));
        });
        GroupGraph graph = new GroupGraph(order, direct, children);
        Map<String, Map<String, Object>> groupVars = groupVars(graph);
        List<VarsFiles> hostFiles = varsDirs.stream().map(d -> VarsFiles.hostVars(d, diags, vault)).toList();
        Map<String, InventoryHost> hosts = new LinkedHashMap<>();
        for (HostDef h : model.hosts().values()) {
            Map<String, Object> vars = new LinkedHashMap<>();
            for (String g : precedence(graph, graph.groupsOf(h.name()), groupVars)) vars.putAll(groupVars.get(g));
            vars.putAll(h.vars());
            for (VarsFiles f : hostFiles) vars.putAll(f.load(h.name()));
            hosts.put(h.name(), ConnectionVars.toHost(h.name(), vars, h.at(), baseDirs.get(0), diags));
        }
        return new Inventory(hosts, graph, groupVars);
    }

    /** Each group's own vars: inventory first, its group_vars file(s) over them. */
    private Map<String, Map<String, Object>> groupVars(GroupGraph graph) {
        List<VarsFiles> files = varsDirs.stream().map(d -> VarsFiles.groupVars(d, diags, vault)).toList();
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String g : graph.hosts().keySet()) {
            GroupDef def = model.groups().get(g);
            Map<String, Object> vars = new LinkedHashMap<>(def == null ? Map.of() : def.vars());
            for (VarsFiles f : files) vars.putAll(f.load(g));
            out.put(g, vars);
        }
        return out;
    }

    private List<String> precedence(GroupGraph graph, List<String> groups, Map<String, Map<String, Object>> vars) {
        List<String> sorted = new ArrayList<>(groups);
        sorted.sort(Comparator.comparingInt(graph::depth)
                .thenComparingInt(g -> priority(vars.get(g)))
                .thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    private static int priority(Map<String, Object> vars) {
        Object p = vars.get(PRIORITY);
        if (p instanceof Number n) return n.intValue();
        if (p instanceof String s && s.strip().matches("-?\\d{1,9}")) return Integer.parseInt(s.strip());
        return 1;
    }
}
