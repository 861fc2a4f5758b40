package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python's json.dumps for the value model: its separators, indentation, key sorting and ASCII escapes. */
public final class Json {
    private final StringBuilder out = new StringBuilder();
    private final String indent;
    private final boolean sortKeys;
    private final boolean ascii;
    private final String itemSep;
    private final String keySep;
    private final Context ctx;

    private Json(String indent, boolean sortKeys, boolean ascii, String itemSep, String keySep, Context ctx) {
        this.indent = indent;
        this.sortKeys = sortKeys;
        this.ascii = ascii;
        this.itemSep = itemSep;
        this.keySep = keySep;
        this.ctx = ctx;
    }

    /**
     * A value as Python's {@code json.dumps(v, ensure_ascii=False)} writes it (", " and ": ", keys
     * in their order): the one text of a non-string value the run shows, e.g. debug's message.
     * A value JSON cannot hold (undefined, not known yet) is shown as its text.
     */
    public static String render(Object v) {
        try {
            return dumps(v, null, false, false, ", ", ": ", new Rendering());
        } catch (RuntimeException e) {
            return String.valueOf(v);
        }
    }

    /** For {@link #render}: a value already built is only written, with the default budget of an evaluation. */
    private static final class Rendering implements Context {
        private final dev.rigger.engine.expr.eval.Budget budget = dev.rigger.engine.expr.eval.Budget.standard();
        @Override public dev.rigger.engine.expr.eval.Budget budget() { return budget; }
        @Override public Object filter(String name, Object input, Args args) { throw new UnsupportedOperationException(name); }
        @Override public boolean test(String name, Object value, Args args) { throw new UnsupportedOperationException(name); }
        @Override public Map<String, Object> variables() { return Map.of(); }
        @Override public java.nio.file.Path baseDir() { return null; }
        @Override public String renderTemplate(String text, String sourceName) { throw new UnsupportedOperationException(sourceName); }
        @Override public boolean pipeAllowed() { return false; }
    }

    static String dumps(Object v, String indent, boolean sortKeys, boolean ascii, String itemSep, String keySep, Context ctx) {
        Json j = new Json(indent, sortKeys, ascii, itemSep, keySep, ctx);
        j.value(v, 0);
        return j.out.toString();
    }

    private void value(Object v0, int level) {
        if (level > 200) throw new EvalException("value nested deeper than 200 levels");
        Object v = Vals.defined(v0);
        int before = out.length();
        if (v == null) out.append("null");
        else if (v instanceof Boolean b) out.append(b ? "true" : "false");
        else if (v instanceof Long l) out.append(l);
        else if (v instanceof Double d) out.append(floatText(d));
        else if (v instanceof String s) string(s);
        else if (v instanceof List<?> l) list(l, level);
        else if (v instanceof Map<?, ?> m) map(m, level);
        else throw new EvalException("Object of type " + Py.typeName(v) + " is not JSON serializable");
        ctx.budget().charge(out.length() - before);
    }

    static String floatText(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        return Py.floatRepr(d);
    }

    private void newline(int level) {
        if (indent == null) return;
        out.append('\n');
        for (int i = 0; i < level; i++) out.append(indent);
    }

    private void list(List<?> l, int level) {
        if (l.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        for (Object e : l) {
            if (!first) out.append(itemSep);
            first = false;
            newline(level + 1);
            value(e, level + 1);
        }
        newline(level);
        out.append(']');
    }

    private void map(Map<?, ?> m, int level) {
        if (m.isEmpty()) {
            out.append("{}");
            return;
        }
        List<Object> keys = new ArrayList<>(m.keySet());
        if (sortKeys) keys = ListFilters.sortBy(keys, k -> k, false);
        out.append('{');
        boolean first = true;
        for (Object k : keys) {
            if (!first) out.append(itemSep);
            first = false;
            newline(level + 1);
            string(keyText(k));
            out.append(keySep);
            value(m.get(k), level + 1);
        }
        newline(level);
        out.append('}');
    }

    private static String keyText(Object k0) {
        Object k = Py.norm(k0);
        if (k instanceof String s) return s;
        if (k == null) return "null";
        if (k instanceof Boolean b) return b ? "true" : "false";
        if (k instanceof Long l) return Long.toString(l);
        if (k instanceof Double d) return floatText(d);
        throw new EvalException("keys must be str, int, float, bool or None, not " + Py.typeName(k));
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (ascii && c > 0x7e)) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
