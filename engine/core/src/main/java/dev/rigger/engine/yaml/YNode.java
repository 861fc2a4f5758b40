package dev.rigger.engine.yaml;

import dev.rigger.engine.diag.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node that remembers where it was written, so every later error can point at the
 * user's file, line and column. An alias is the very node its anchor names (shared, never
 * copied), so its errors point at the anchor's text.
 */
public sealed interface YNode {

    Location location();

    /** The plain Java value: Map, List, String, Number, Boolean or null (aliases expanded). */
    Object plain();

    /** An empty value or {@code ~}/{@code null}: "nothing here". */
    default boolean isNull() {
        return this instanceof Scalar s && s.value() == null;
    }

    /** What this node is, in YAML terms, for messages. */
    default String kind() {
        if (this instanceof Mapping) return "mapping";
        if (this instanceof Seq) return "list";
        Object v = ((Scalar) this).value();
        return v == null ? "null" : "scalar '" + v + "'";
    }

    /** A scalar: String, Integer/Long, Double, Boolean or null. */
    record Scalar(Object value, Location location) implements YNode {
        /** A string is noted with its location ({@link dev.rigger.engine.diag.SourceMap}), for errors in its template. */
        @Override
        public Object plain() {
            return value instanceof String s ? dev.rigger.engine.diag.SourceMap.note(s, location) : value;
        }

        public String text() { return value == null ? "" : value.toString(); }
    }

    record Seq(List<YNode> items, Location location) implements YNode {
        @Override
        public Object plain() {
            List<Object> out = new ArrayList<>();
            for (YNode n : items) out.add(n.plain());
            return out;
        }
    }

    /** A mapping; keys keep their order and their own location. */
    record Mapping(Map<String, Entry> entries, Location location) implements YNode {
        public record Entry(Location keyLocation, YNode value) { }

        public YNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        public boolean has(String key) { return entries.containsKey(key); }

        public Location keyLocation(String key) {
            Entry e = entries.get(key);
            return e == null ? location : e.keyLocation();
        }

        @Override
        public Object plain() {
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach((k, e) -> out.put(k, e.value().plain()));
            return out;
        }
    }
}
