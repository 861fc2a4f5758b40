package dev.rigger.engine.inventory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML (or JSON) with Jackson's streaming parser so every node keeps its line and column:
 * the tree model drops locations, and inventory errors must point at the offending key.
 */
final class YamlTree {

    /** A value (Map of Node, List of Node, or a scalar) with where it was written and, for map entries, its key. */
    record Node(Object value, Location at, Location keyAt) {

        boolean isMap() { return value instanceof Map; }

        @SuppressWarnings("unchecked")
        Map<String, Node> map() { return (Map<String, Node>) value; }

        /** Plain, unmodifiable Java value: what variables hold. */
        Object plain() {
            if (value instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put((String) k, ((Node) v).plain()));
                return Collections.unmodifiableMap(out);
            }
            if (value instanceof List<?> l) {
                List<Object> out = new ArrayList<>();
                l.forEach(v -> out.add(((Node) v).plain()));
                return Collections.unmodifiableList(out);
            }
            if (value instanceof String str) return dev.rigger.engine.diag.SourceMap.note(str, at);
            return value;
        }

        /** Kind name for messages, in YAML terms. */
        String kind() {
            if (value == null) return "null";
            if (value instanceof Map) return "mapping";
            if (value instanceof List) return "list";
            return "scalar '" + value + "'";
        }
    }

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final Diagnostics diags;

    private YamlTree(Path file, Diagnostics diags) {
        this.file = file;
        this.diags = diags;
    }

    /** Parses {@code text} (the content of {@code file}); a syntax error becomes a diagnostic and empty. */
    static Optional<Node> parse(Path file, String text, Diagnostics diags) {
        boolean json = file.getFileName() != null && file.getFileName().toString().endsWith(".json");
        try (JsonParser p = (json ? JSON : YAML).createParser(text)) {
            YamlTree tree = new YamlTree(file, diags);
            if (p.nextToken() == null) return Optional.of(new Node(null, Location.of(file, 1, 1), Location.NONE));
            return Optional.of(tree.read(p, Location.NONE));
        } catch (JsonProcessingException e) {
            diags.error(locate(file, e.getLocation()), "invalid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage());
            return Optional.empty();
        } catch (IOException e) {
            diags.error(Location.of(file, 0, 0), "cannot read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Location locate(Path file, JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) return Location.of(file, 0, 0);
        return Location.of(file, loc.getLineNr(), Math.max(1, loc.getColumnNr()));
    }

    private Node read(JsonParser p, Location keyAt) throws IOException {
        Location at = locate(file, p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: return new Node(readMap(p), at, keyAt);
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(p, Location.NONE));
                return new Node(items, at, keyAt);
            }
            case VALUE_STRING: return new Node(p.getText(), at, keyAt);
            case VALUE_NUMBER_INT: return new Node(p.getNumberValue(), at, keyAt);
            case VALUE_NUMBER_FLOAT: return new Node(p.getDoubleValue(), at, keyAt);
            case VALUE_TRUE: return new Node(Boolean.TRUE, at, keyAt);
            case VALUE_FALSE: return new Node(Boolean.FALSE, at, keyAt);
            case VALUE_EMBEDDED_OBJECT: return new Node(p.getEmbeddedObject(), at, keyAt);
            default: return new Node(null, at, keyAt);
        }
    }

    private Map<String, Node> readMap(JsonParser p) throws IOException {
        Map<String, Node> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Location keyAt = locate(file, p.currentTokenLocation());
            p.nextToken();
            Node value = read(p, keyAt);
            // Ansible warns and keeps the last one; so do we.
            if (map.put(key, value) != null) diags.warning(keyAt, "duplicate key '" + key + "', the last one wins");
        }
        return map;
    }
}
