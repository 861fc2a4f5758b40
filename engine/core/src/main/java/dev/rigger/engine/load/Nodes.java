package dev.rigger.engine.load;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small readers from {@link YNode}s to Java values that report type mismatches as diagnostics. */
final class Nodes {
    private Nodes() { }

    static String string(YNode n, Diagnostics diags) {
        if (n == null) return null;
        if (n instanceof YNode.Scalar s) return s.value() == null ? null : s.value().toString();
        diags.error(n.location(), "expected a string");
        return null;
    }

    static boolean bool(YNode n, boolean dflt, Diagnostics diags) {
        Boolean b = optionalBool(n, diags);
        return b == null ? dflt : b;
    }

    static Boolean optionalBool(YNode n, Diagnostics diags) {
        if (n == null) return null;
        if (n instanceof YNode.Scalar s) {
            Boolean b = Values.toBool(s.value());
            if (b != null || s.value() == null) return b;
        }
        if (n instanceof YNode.Scalar s && s.value() instanceof String text && text.contains("{{")) {
            // Ansible templates these per host; Rigger reads them when the playbook loads
            diags.error(n.location(), "expected true or false: a template is not supported here yet (Rigger reads "
                    + "this keyword when the playbook loads); write true or false");
        } else {
            diags.error(n.location(), "expected true or false");
        }
        return null;
    }

    /** A string or a list of strings, read as a list. */
    static List<String> strings(YNode n, Diagnostics diags) {
        List<String> out = new ArrayList<>();
        if (n == null) return out;
        if (n instanceof YNode.Scalar s) {
            if (s.value() != null) out.add(s.value().toString());
        } else if (n instanceof YNode.Seq seq) {
            for (YNode item : seq.items()) {
                String v = string(item, diags);
                if (v != null) out.add(v);
            }
        } else {
            diags.error(n.location(), "expected a string or a list of strings");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> vars(YNode n, Diagnostics diags) {
        if (n == null || (n instanceof YNode.Scalar s && s.value() == null)) return Map.of();
        if (n instanceof YNode.Mapping m) return (Map<String, Object>) m.plain();
        diags.error(n.location(), "vars must be a mapping of names to values");
        return Map.of();
    }
}
