package dev.rigger.modules.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shows values in diffs as block YAML, one field a line, so that a changed nested field reads
 * as a one-line change in a unified diff. Strings that YAML would read as something else are
 * double-quoted; multi-line strings become {@code |} blocks.
 */
final class YamlWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./ :=@,+-]*");

    private YamlWriter() { }

    /** A scalar as it reads on its own; a map or list as a YAML block ending in a newline. */
    static String show(Object v) {
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            StringBuilder b = new StringBuilder();
            block(v, 0, b);
            return b.toString();
        }
        return v == null ? null : v.toString();
    }

    private static void block(Object v, int indent, StringBuilder b) {
        String pad = " ".repeat(indent);
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) { b.append(pad).append("{}\n"); return; }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(pad).append(scalar(e.getKey().toString())).append(':');
                child(e.getValue(), indent, b);
            }
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) { b.append(pad).append("[]\n"); return; }
            for (Object item : l) {
                b.append(pad).append('-');
                child(item, indent, b);
            }
        }
    }

    private static void child(Object v, int indent, StringBuilder b) {
        if (v instanceof Map<?, ?> m && !m.isEmpty() || v instanceof List<?> l && !l.isEmpty()) {
            b.append('\n');
            block(v, indent + 2, b);
        } else if (v instanceof String s && s.contains("\n")) {
            b.append(" |").append(s.endsWith("\n") ? "" : "-").append('\n');
            String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
            for (String line : body.split("\n", -1)) b.append(line.isEmpty() ? "" : " ".repeat(indent + 2) + line).append('\n');
        } else {
            b.append(' ').append(v instanceof Map ? "{}" : v instanceof List ? "[]" : v instanceof String s ? scalar(s) : String.valueOf(v)).append('\n');
        }
    }

    private static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !s.endsWith(" ") && !s.contains(": ") && Yaml.scalar(s) instanceof String) return s;
        StringBuilder b = new StringBuilder();
        Json.quote(s, b);
        return b.toString();
    }
}
