package dev.rigger.engine.load;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.expr.eval.LoopInfo;
import dev.rigger.engine.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loop of an {@code include_tasks} or {@code include_role}: Ansible includes the file (the role's tasks) once per item, in order, the
 * item (and what loop_control asks) set for its tasks. Rigger expands includes at load, so the
 * list must be written out in the playbook ({@code loop:} or {@code with_items}/{@code with_list}
 * of a YAML list, whose values may be templates): each item's vars are known then, and a copy
 * of the tasks per item gives Ansible's order. A list that is one template ({@code loop: "{{ users }}"})
 * is known only at run time and is refused, saying what to write.
 */
final class IncludeLoop {
    private static final Set<String> KEYS = Set.of("loop", "with_items", "with_list");

    private IncludeLoop() { }

    /** The loop keyword of {@code m}, or null. */
    static String key(YNode.Mapping m) {
        for (String k : m.entries().keySet()) if (KEYS.contains(k)) return k;
        return null;
    }

    static YNode node(YNode.Mapping m) {
        String k = key(m);
        return k == null ? null : m.get(k);
    }

    /** Each item's vars, in order; null without a loop, or after reporting why it cannot be expanded. */
    static List<Map<String, Object>> items(YNode.Mapping m, String action, Diagnostics diags) {
        String k = key(m);
        if (k == null) {
            if (m.has("loop_control")) diags.error(m.keyLocation("loop_control"), "loop_control without a loop does nothing: remove it");
            return null;
        }
        if (!(m.get(k) instanceof YNode.Seq seq)) {
            diags.error(m.get(k).location(), action + " with a loop whose list is known at run time only: Rigger expands "
                    + action + " at load, once per item, so it needs the list written out (loop: [a, b], values may be "
                    + "templates); or put the loop on the included tasks");
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (YNode item : seq.items()) {
            // with_items flattens one level, as Ansible's items lookup
            if (k.equals("with_items") && item instanceof YNode.Seq inner) {
                for (YNode i : inner.items()) values.add(i.plain());
            } else {
                values.add(item.plain());
            }
        }
        String loopVar = "item";
        String indexVar = null;
        boolean extended = false;
        boolean allItems = true;
        if (m.get("loop_control") instanceof YNode.Mapping lc) {
            for (String c : lc.entries().keySet()) {
                switch (c) {
                    case "loop_var" -> loopVar = Nodes.string(lc.get(c), diags);
                    case "index_var" -> indexVar = Nodes.string(lc.get(c), diags);
                    case "extended" -> extended = Nodes.bool(lc.get(c), false, diags);
                    case "extended_allitems" -> allItems = Nodes.bool(lc.get(c), true, diags);
                    case "label" -> { }   // display only
                    default -> {
                        diags.error(lc.keyLocation(c), "loop_control '" + c + "' on " + action + " is not supported (known: loop_var, "
                                + "index_var, label, extended, extended_allitems)");
                        return null;
                    }
                }
            }
        } else if (m.has("loop_control")) {
            diags.error(m.get("loop_control").location(), "loop_control is a mapping");
            return null;
        }
        if (loopVar == null) return null;
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Map<String, Object> vars = new LinkedHashMap<>();
            // Ansible 2.14 gives the included tasks no ansible_loop_var nor ansible_index_var
            vars.put(loopVar, values.get(i));
            if (indexVar != null) vars.put(indexVar, (long) i);
            if (extended) {
                Map<String, Object> loop = new LinkedHashMap<>();
                if (allItems) loop.put("allitems", values);
                LoopInfo.putPosition(loop, values, i);
                LoopInfo.putNeighbours(loop, values, i);
                vars.put("ansible_loop", loop);
            }
            out.add(vars);
        }
        return out;
    }
}
