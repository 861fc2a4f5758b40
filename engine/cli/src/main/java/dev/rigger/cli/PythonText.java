package dev.rigger.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A value as Python's {@code str()} shows it, for output that must read as Ansible's (True, None, ['a', 1], {'k': 'v'}). */
final class PythonText {
    private PythonText() { }

    static String str(Object v) {
        return v instanceof String s ? s : repr(v);
    }

    static String repr(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof String s) return s.contains("'") && !s.contains("\"") ? "\"" + s + "\"" : "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        if (v instanceof List<?> l) return l.stream().map(PythonText::repr).collect(Collectors.joining(", ", "[", "]"));
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue())).collect(Collectors.joining(", ", "{", "}"));
        }
        return v.toString();
    }
}
