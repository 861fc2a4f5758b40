package dev.rigger.engine.expr.lib;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** to_json, to_nice_json, tojson, from_json, to_yaml, to_nice_yaml, from_yaml, from_yaml_all. */
final class SerializationFilters {
    private SerializationFilters() {}

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    static void register(Registry r) {
        r.filter(SerializationFilters::toJson, "to_json");
        r.filter(SerializationFilters::toNiceJson, "to_nice_json");
        r.filter(SerializationFilters::tojson, "tojson");
        r.filter((in, a, c) -> fromJson(in), "from_json");
        r.filter((in, a, c) -> toYaml(in, a, c, false), "to_yaml");
        r.filter((in, a, c) -> toYaml(in, a, c, true), "to_nice_yaml");
        r.filter((in, a, c) -> YamlLoader.load(in, false), "from_yaml");
        r.filter((in, a, c) -> YamlLoader.load(in, true), "from_yaml_all");
    }

    static Object toJson(Object in, Args a, Context c) {
        Map<String, Object> kw = a.named();
        Object indent = kw.get("indent");
        boolean sortKeys = Py.truthy(kw.getOrDefault("sort_keys", false));
        boolean ascii = Py.truthy(kw.getOrDefault("ensure_ascii", true));
        String[] seps = separators(kw.get("separators"), indent != null);
        return Json.dumps(in, indentOf(indent), sortKeys, ascii, seps[0], seps[1], c);
    }

    static Object toNiceJson(Object in, Args a, Context c) {
        Map<String, Object> kw = a.named();
        Object indent = a.get(0, "indent", 4L);
        boolean sortKeys = Py.truthy(a.get(1, "sort_keys", true));
        boolean ascii = Py.truthy(kw.getOrDefault("ensure_ascii", true));
        return Json.dumps(in, indentOf(indent), sortKeys, ascii, ",", ": ", c);
    }

    /** Jinja's tojson: sorted keys, and &lt; &gt; &amp; ' escaped for HTML. */
    static Object tojson(Object in, Args a, Context c) {
        Object indent = a.get(0, "indent", null);
        String s = Json.dumps(in, indentOf(indent), true, true, indent == null ? ", " : ",", ": ", c);
        return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027");
    }

    private static String indentOf(Object indent) {
        if (indent == null) return null;
        if (indent instanceof String s) return s;
        long n = Vals.integer(indent, "indent");
        return " ".repeat((int) Math.max(0, Math.min(n, 64)));
    }

    private static String[] separators(Object v, boolean indented) {
        if (v instanceof List<?> l && l.size() == 2) return new String[] {Vals.str(l.get(0)), Vals.str(l.get(1))};
        return new String[] {indented ? "," : ", ", ": "};
    }

    static Object fromJson(Object in) {
        Object v = Vals.defined(in);
        if (!(v instanceof String s)) {
            throw new EvalException("the JSON object must be str, bytes or bytearray, not " + Py.typeName(v));
        }
        try {
            JsonParser p = MAPPER.createParser(s);
            JsonNode node = MAPPER.readTree(p);
            if (node == null || node.isMissingNode()) throw new EvalException("Expecting value: line 1 column 1 (char 0)");
            if (p.nextToken() != null) throw new EvalException("Extra data in JSON text");
            return fromNode(node, 0);
        } catch (JsonProcessingException e) {
            throw new EvalException("from_json: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new EvalException("from_json: " + e.getMessage());
        }
    }

    private static Object fromNode(JsonNode n, int depth) {
        if (depth > 200) throw new EvalException("JSON nested deeper than 200 levels");
        if (n.isNull()) return null;
        if (n.isBoolean()) return n.booleanValue();
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) throw new EvalException("integer " + n.asText() + " is out of range");
            return n.longValue();
        }
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) return n.textValue();
        if (n.isArray()) {
            List<Object> out = new ArrayList<>(n.size());
            for (JsonNode e : n) out.add(fromNode(e, depth + 1));
            return out;
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), fromNode(e.getValue(), depth + 1));
        }
        return out;
    }

    static Object toYaml(Object in, Args a, Context c, boolean nice) {
        Map<String, Object> kw = a.named();
        Boolean flow;
        int indent;
        if (nice) {
            flow = false;
            indent = (int) Vals.integer(a.get(0, "indent", 4L), "indent");
        } else {
            Object f = kw.get("default_flow_style");
            flow = f == null ? null : Py.truthy(f);
            indent = (int) Vals.integer(kw.getOrDefault("indent", 2L), "indent");
        }
        int width = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, Vals.integer(kw.getOrDefault("width", 80L), "width")));
        boolean sortKeys = Py.truthy(kw.getOrDefault("sort_keys", true));
        YamlEmitter.Options o = new YamlEmitter.Options(flow, indent, width, sortKeys,
                Py.truthy(kw.getOrDefault("explicit_start", false)), Py.truthy(kw.getOrDefault("explicit_end", false)));
        return YamlEmitter.dump(in, o, c);
    }
}
