package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** TEST STAND-IN: label selectors (=, ==, !=, in, notin, exists, !exists) and field selectors (=, ==, !=). */
final class Selectors {
    private Selectors() {}

    static Predicate<JsonNode> labels(String selector) {
        Predicate<JsonNode> all = o -> true;
        if (selector == null || selector.isBlank()) return all;
        for (String term : split(selector)) {
            String t = term.trim();
            Predicate<JsonNode> p;
            if (t.matches("^[^ ]+\\s+(in|notin)\\s*\\(.*\\)$")) {
                String key = t.split("\\s+")[0];
                boolean in = t.split("\\s+")[1].equals("in");
                List<String> values = new ArrayList<>();
                for (String v : t.substring(t.indexOf('(') + 1, t.lastIndexOf(')')).split(",")) values.add(v.trim());
                p = o -> { String v = label(o, key); return in ? v != null && values.contains(v) : v == null || !values.contains(v); };
            } else if (t.contains("!=")) {
                String key = t.substring(0, t.indexOf("!=")).trim(), value = t.substring(t.indexOf("!=") + 2).trim();
                p = o -> !value.equals(label(o, key));
            } else if (t.contains("=")) {
                String key = t.substring(0, t.indexOf('=')).trim(), value = t.substring(t.lastIndexOf('=') + 1).trim();
                p = o -> value.equals(label(o, key));
            } else if (t.startsWith("!")) {
                String key = t.substring(1).trim();
                p = o -> label(o, key) == null;
            } else {
                p = o -> label(o, t) != null;
            }
            all = all.and(p);
        }
        return all;
    }

    static Predicate<JsonNode> fields(String selector) {
        Predicate<JsonNode> all = o -> true;
        if (selector == null || selector.isBlank()) return all;
        for (String term : split(selector)) {
            boolean not = term.contains("!=");
            String[] kv = term.split(not ? "!=" : "==?", 2);
            String path = kv[0].trim(), value = kv.length > 1 ? kv[1].trim() : "";
            Predicate<JsonNode> p = o -> {
                String v = Json.text(o, path.split("\\."));
                return value.equals(v == null ? "" : v);
            };
            all = all.and(not ? p.negate() : p);
        }
        return all;
    }

    private static String label(JsonNode o, String key) { return Json.text(o.path("metadata").path("labels"), key); }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0) { out.add(s.substring(start, i)); start = i + 1; }
        }
        out.add(s.substring(start));
        return out;
    }
}
