package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.yaml.YNode;
import dev.rigger.engine.yaml.YamlReader;

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
        new YamlReader(YamlReader.DuplicateKeys.WARN_LAST_WINS).read(file, text, diags).ifPresent(p::root);
        return p.model;
    }

    private void root(YNode root) {
        if (root.isNull()) {
            diags.warning(root.location(), "inventory is empty");
            return;
        }
        if (!(root instanceof YNode.Mapping groups)) {
            diags.error(root.location(), "a YAML inventory must be a mapping of group names, found " + root.kind());
            return;
        }
        if (groups.has("plugin")) {
            diags.error(groups.keyLocation("plugin"), "inventory plugin configurations are not supported;"
                    + " write the hosts and groups out as a YAML inventory");
            return;
        }
        groups.entries().forEach((name, e) -> group(name, e.value(), e.keyLocation()));
    }

    private void group(String name, YNode node, Location keyAt) {
        model.group(name, keyAt);
        if (node.isNull()) return;
        if (!(node instanceof YNode.Mapping m)) {
            diags.error(node.location(), "group '" + name + "' must be a mapping with hosts, vars or children, found "
                    + node.kind());
            return;
        }
        m.entries().forEach((key, e) -> {
            switch (key) {
                case "hosts" -> hosts(name, e.value());
                case "vars" -> vars(name, e);
                case "children" -> children(name, e.value());
                default -> diags.warning(e.keyLocation(), "skipping unexpected key '" + key + "' in group '" + name
                        + "': only 'hosts', 'vars' and 'children' are valid");
            }
        });
    }

    private void hosts(String group, YNode hosts) {
        YNode.Mapping m = mapping(hosts, "'hosts' of group '" + group + "'");
        if (m == null) return;
        m.entries().forEach((pattern, e) -> {
            YNode value = e.value();
            if (!value.isNull() && !(value instanceof YNode.Mapping)) {
                diags.error(value.location(), "host '" + pattern + "' must have a mapping of variables or nothing, found "
                        + value.kind());
                return;
            }
            HostRanges.expand(pattern, e.keyLocation(), diags).ifPresent(x -> {
                for (String name : x.names()) {
                    Map<String, Object> vars = model.addHost(name, group, e.keyLocation()).vars();
                    if (x.port() != null) vars.put("ansible_port", x.port());
                    if (!value.isNull()) vars.putAll(plainMap(value));
                }
            });
        });
    }

    private void vars(String group, YNode.Mapping.Entry vars) {
        if (mapping(vars.value(), "'vars' of group '" + group + "'") != null) {
            model.group(group, vars.keyLocation()).vars().putAll(plainMap(vars.value()));
        }
    }

    private void children(String group, YNode children) {
        YNode.Mapping m = mapping(children, "'children' of group '" + group + "'");
        if (m == null) return;
        m.entries().forEach((child, e) -> {
            model.addChild(group, child, e.keyLocation(), diags);
            group(child, e.value(), e.keyLocation());
        });
    }

    /** The node as a mapping; null for "nothing here" (null in YAML inventories) and after an error for any other kind. */
    private YNode.Mapping mapping(YNode node, String what) {
        if (node instanceof YNode.Mapping m) return m;
        if (!node.isNull()) diags.error(node.location(), what + " must be a mapping, found " + node.kind());
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plainMap(YNode node) {
        return (Map<String, Object>) node.plain();
    }

}
