package dev.rigger.engine.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one document's {@link YNode}s from Jackson's tokens (which keep their locations and read
 * scalars as YAML 1.1: {@code yes} is true), doing what Jackson's streaming parser leaves to a
 * composer: an alias becomes its anchor's node, and merge keys ({@code <<: *base}) merge as PyYAML
 * does. Every bound of {@link YamlLimits} is checked as the tokens arrive; the first one crossed
 * ends the document with a {@link Refused} at the place that crossed it.
 */
final class Composer {
    /** A limit crossed or a reference that cannot be resolved: refused where it was written. */
    static final class Refused extends Exception {
        final Location at;

        Refused(Location at, String message) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    /** An anchored node, how many nodes it stands for once its aliases are expanded, and how many levels it spans. */
    private record Anchored(YNode node, long weight, int height) { }

    private final JsonParser p;
    private final String file;
    private final YamlReader.DuplicateKeys duplicates;
    private final Diagnostics diags;
    private final Map<String, Anchored> anchors = new HashMap<>();
    private final Set<String> open = new HashSet<>();
    /** Nodes so far with every alias expanded: what {@link YNode#plain()} will build. */
    private long expanded;
    /** The deepest level reached so far, aliases expanded. */
    private int deepest;

    Composer(JsonParser p, String file, YamlReader.DuplicateKeys duplicates, Diagnostics diags) {
        this.p = p;
        this.file = file;
        this.duplicates = duplicates;
        this.diags = diags;
    }

    /** The document whose first token the parser is on. */
    YNode document() throws IOException, Refused {
        return node(1);
    }

    private YNode node(int depth) throws IOException, Refused {
        Location at = at(p.currentTokenLocation());
        if (p instanceof NodeEvents y && y.isAlias()) return alias(p.getText(), at, depth);
        reach(depth, at);
        String anchor = p instanceof NodeEvents y ? y.anchor() : null;
        if (anchor != null && (anchors.containsKey(anchor) || !open.add(anchor))) {
            Anchored first = anchors.get(anchor);
            throw new Refused(at, "anchor &" + anchor + " defined twice"
                    + (first == null ? "" : " (first at line " + first.node().location().line() + ")"));
        }
        long before = expanded;
        int outer = deepest;
        deepest = depth;
        count(1, at);
        YNode n = switch (p.currentToken()) {
            case START_OBJECT -> mapping(at, depth);
            case START_ARRAY -> sequence(at, depth);
            default -> scalar(at);
        };
        if (anchor != null) {
            open.remove(anchor);
            anchors.put(anchor, new Anchored(n, expanded - before, deepest - depth));
        }
        deepest = Math.max(outer, deepest);
        return n;
    }

    private YNode alias(String name, Location at, int depth) throws Refused {
        Anchored a = anchors.get(name);
        if (a == null) {
            throw new Refused(at, open.contains(name) ? "alias *" + name + " is inside its own anchor (a recursive value)"
                    : "alias *" + name + " names no anchor before it (&" + name + ")");
        }
        count(a.weight(), at);
        reach(depth + a.height(), at);
        return a.node();
    }

    private void reach(int depth, Location at) throws Refused {
        if (depth > YamlLimits.MAX_DEPTH) {
            throw new Refused(at, "nested deeper than " + YamlLimits.MAX_DEPTH + " levels of mappings and lists");
        }
        deepest = Math.max(deepest, depth);
    }

    private void count(long nodes, Location at) throws Refused {
        expanded += nodes;
        if (expanded > YamlLimits.MAX_NODES) {
            throw new Refused(at, "more than " + YamlLimits.MAX_NODES + " values with aliases expanded"
                    + " (an alias bomb, or a file too large to load)");
        }
    }

    private YNode mapping(Location at, int depth) throws IOException, Refused {
        Map<String, YNode.Mapping.Entry> own = new LinkedHashMap<>();
        List<YNode.Mapping> merges = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            boolean merge = key.equals("<<") && p instanceof NodeEvents y && y.isPlain();
            Location keyAt = at(p.currentTokenLocation());
            p.nextToken();
            YNode value = node(depth + 1);
            if (merge) {
                merges.addAll(mergeSources(value));
                continue;
            }
            YNode.Mapping.Entry first = own.put(key, new YNode.Mapping.Entry(keyAt, value));
            if (first != null && duplicates == YamlReader.DuplicateKeys.ERROR) {
                diags.error(keyAt, "duplicate key '" + key + "' (first at line " + first.keyLocation().line() + ")");
            } else if (first != null) {
                diags.warning(keyAt, "duplicate key '" + key + "', the last one wins");
            }
        }
        if (merges.isEmpty()) return new YNode.Mapping(own, at);
        // as PyYAML's flatten_mapping: merged entries first, an earlier source over a later one, own keys over all
        Map<String, YNode.Mapping.Entry> all = new LinkedHashMap<>();
        for (YNode.Mapping m : merges) all.putAll(m.entries());
        all.putAll(own);
        return new YNode.Mapping(all, at);
    }

    /** A merge key's mappings in PyYAML's order of insertion: a list's last mapping first. */
    private static List<YNode.Mapping> mergeSources(YNode value) throws Refused {
        if (value instanceof YNode.Mapping m) return List.of(m);
        List<YNode.Mapping> out = new ArrayList<>();
        if (value instanceof YNode.Seq s) {
            for (YNode item : s.items()) {
                if (!(item instanceof YNode.Mapping m)) {
                    throw new Refused(item.location(), "a merge key (<<) takes mappings, found " + item.kind());
                }
                out.add(0, m);
            }
            return out;
        }
        throw new Refused(value.location(), "a merge key (<<) takes a mapping or a list of mappings, found " + value.kind());
    }

    private YNode sequence(Location at, int depth) throws IOException, Refused {
        List<YNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) items.add(node(depth + 1));
        return new YNode.Seq(items, at);
    }

    private YNode scalar(Location at) throws IOException, Refused {
        switch (p.currentToken()) {
            case VALUE_NUMBER_INT: return new YNode.Scalar(p.getNumberValue(), at);
            case VALUE_NUMBER_FLOAT: return new YNode.Scalar(p instanceof NodeEvents ? yamlFloat(p.getText()) : p.getDoubleValue(), at);
            case VALUE_TRUE: return new YNode.Scalar(Boolean.TRUE, at);
            case VALUE_FALSE: return new YNode.Scalar(Boolean.FALSE, at);
            case VALUE_NULL: return new YNode.Scalar(null, at);
            default:
                String text = p.getText();
                if (text != null && text.length() > YamlLimits.MAX_SCALAR_CHARS) {
                    throw new Refused(at, "a value of " + text.length() + " characters; the limit is "
                            + YamlLimits.MAX_SCALAR_CHARS);
                }
                return new YNode.Scalar(text, at);
        }
    }

    /**
     * A float as PyYAML resolves it: {@code .inf} and {@code .nan} are numbers (Jackson refused
     * them as malformed), {@code 1e3} without a dot is a string (Jackson read 1000.0).
     */
    private Object yamlFloat(String text) throws IOException {
        String t = text.replace("_", "");
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case ".inf", "+.inf": return Double.POSITIVE_INFINITY;
            case "-.inf": return Double.NEGATIVE_INFINITY;
            case ".nan": return Double.NaN;
            default: return PYYAML_FLOAT.matcher(text).matches() ? (Object) p.getDoubleValue() : text;
        }
    }

    /** PyYAML's float resolver without its sexagesimal and inf/nan forms: a dot is required, an exponent signed. */
    private static final java.util.regex.Pattern PYYAML_FLOAT = java.util.regex.Pattern.compile(
            "[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?");

    private Location at(JsonLocation l) {
        return at(file, l);
    }

    static Location at(String file, JsonLocation l) {
        if (l == null || l.getLineNr() < 1) return new Location(file, 0, 0);
        return new Location(file, l.getLineNr(), Math.max(1, l.getColumnNr()));
    }
}
