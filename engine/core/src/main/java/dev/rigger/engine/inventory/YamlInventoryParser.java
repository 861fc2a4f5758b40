package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.YamlTree.Node;

import java.nio.file.Path;
import java.util.Map;

/**
 * Ansible's YAML (and JSON) inventory: top-level keys are groups (usually just {@code all}),
 * each a mapping of {@code hosts} (host -> null or vars), {@code vars} and {@code children}
 * (group -> the same structure, recursively). A group may appear in several places; its
 * declarations merge, as in Ansible.
 */
final class YamlInventoryParser {
    private final Diagnostics diags;
    private final InventoryModel model = new InventoryModel();

    private YamlInventoryParser(Diagnostics diags) {
        this.diags = diags;
    }

    static InventoryModel parse(Path file, String text, Diagnostics diags) {
        YamlInventoryParser p = new YamlInventoryParser(diags);
        YamlTree.parse(file, text, diags).ifPresent(p::root);
        return p.model;
    }

    private void root(Node root) {
        if (root.value() == null) {
            diags.warning(root.at(), "inventory is empty");
            return;
        }
        if (!root.isMap()) {
            diags.error(root.at(), "a YAML inventory must be a mapping of group names, found " + root.kind());
            return;
        }
        if (root.map().containsKey("plugin")) {
            diags.error(root.map().get("plugin").keyAt(), "inventory plugin configurations are not supported;"
                    + " write the hosts and groups out as a YAML inventory");
            return;
        }
        root.map().forEach(this::group);
    }

    private void group(String name, Node node) {
        model.group(name, node.keyAt());
        if (node.value() == null) return;
        if (!node.isMap()) {
            diags.error(node.at(), "group '" + name + "' must be a mapping with hosts, vars or children, found "
                    + node.kind());
            return;
        }
        node.map().forEach((key, value) -> {
            switch (key) {
                case "hosts" -> hosts(name, value);
                case "vars" -> vars(name, value);
                case "children" -> children(name, value);
                default -> diags.warning(value.keyAt(), "skipping unexpected key '" + key + "' in group '" + name
                        + "': only 'hosts', 'vars' and 'children' are valid");
            }
        });
    }

    private void hosts(String group, Node hosts) {
        if (!requireMap(hosts, "'hosts' of group '" + group + "'")) return;
        hosts.map().forEach((pattern, value) -> {
            boolean hasVars = value.value() != null;
            if (hasVars && !value.isMap()) {
                diags.error(value.at(), "host '" + pattern + "' must have a mapping of variables or nothing, found "
                        + value.kind());
                return;
            }
            HostRanges.expand(pattern, value.keyAt(), diags).ifPresent(e -> {
                for (String name : e.names()) {
                    Map<String, Object> vars = model.addHost(name, group, value.keyAt()).vars();
                    if (e.port() != null) vars.put("ansible_port", e.port());
                    if (hasVars) vars.putAll(plainMap(value));
                }
            });
        });
    }

    private void vars(String group, Node vars) {
        if (requireMap(vars, "'vars' of group '" + group + "'")) model.group(group, vars.keyAt()).vars().putAll(plainMap(vars));
    }

    private void children(String group, Node children) {
        if (!requireMap(children, "'children' of group '" + group + "'")) return;
        children.map().forEach((child, node) -> {
            model.addChild(group, child, node.keyAt(), diags);
            group(child, node);
        });
    }

    /** Null means "nothing here" in YAML inventories; any other non-mapping is an error. */
    private boolean requireMap(Node node, String what) {
        if (node.value() == null) return false;
        if (node.isMap()) return true;
        diags.error(node.at(), what + " must be a mapping, found " + node.kind());
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plainMap(Node node) {
        return (Map<String, Object>) node.plain();
    }

}
