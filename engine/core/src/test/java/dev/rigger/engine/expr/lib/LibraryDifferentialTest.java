package dev.rigger.engine.expr.lib;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import dev.rigger.engine.expr.eval.Undefined;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every case of cases.jsonl, whose expected values Ansible 2.14's own Jinja2 environment computed
 * (gen_cases.py beside it regenerates the file), run through the Library: same value, same Python
 * types, dict order included; an error there is an EvalException here.
 */
class LibraryDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCase_matchesAnsible() throws Exception {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("cases.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) continue;
                cases++;
                String failure = check(JSON.readTree(line));
                if (failure != null) failures.add(failure);
            }
        }
        assertThat(cases).isGreaterThan(300);
        assertThat(failures).as(failures.size() + " of " + cases + " cases differ from Ansible").isEmpty();
    }

    private static String check(JsonNode c) {
        String kind = c.get("kind").asText();
        String name = c.get("name").asText();
        Object input = value(c.get("input"));
        @SuppressWarnings("unchecked")
        List<Object> args = (List<Object>) value(c.get("args"));
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value(c.get("kwargs"))).entrySet()) kwargs.put((String) e.getKey(), e.getValue());
        String label = kind + " " + name + "(" + Py.repr(input) + ", " + Py.repr(args) + ", " + Py.repr(new LinkedHashMap<Object, Object>(kwargs)) + ")";
        Object actual;
        LibContext ctx = new LibContext();
        try {
            if (kind.equals("filter")) {
                actual = Library.standard().filter(name).apply(input, new Args(args, kwargs), ctx);
            } else if (kind.equals("method")) {
                actual = Library.standard().callMethod(input, name, new Args(args, kwargs), ctx);
            } else {
                actual = Library.standard().test(name).test(input, new Args(args, kwargs), ctx);
            }
        } catch (EvalException e) {
            if (c.has("error")) return null;
            return label + ": raised " + e.getMessage() + ", Ansible gives " + c.get("expected");
        } catch (RuntimeException e) {
            return label + ": crashed with " + e;
        }
        if (c.has("error")) return label + ": gave " + show(actual) + ", Ansible raises " + c.get("message").asText();
        Object expected = value(c.get("expected"));
        if (!same(expected, actual)) return label + ":\n   expected " + show(expected) + "\n   actual   " + show(actual);
        return null;
    }

    private static String show(Object v) {
        if (v instanceof Undefined u) return "Undefined(" + u.message() + ")";
        try {
            return Py.repr(v) + " (" + Py.typeName(v) + ")";
        } catch (RuntimeException e) {
            return String.valueOf(v);
        }
    }

    /** Equal values of equal Python types, recursively; dicts in the same order. */
    static boolean same(Object a, Object b) {
        a = Py.norm(a);
        b = Py.norm(b);
        if (a instanceof Undefined || b instanceof Undefined) return a instanceof Undefined && b instanceof Undefined;
        if (a == null || b == null) return a == b;
        if (!Py.typeName(a).equals(Py.typeName(b))) return false;
        if (a instanceof Double x) return x.equals(b);
        if (a instanceof List<?> l) {
            List<?> m = (List<?>) b;
            if (l.size() != m.size()) return false;
            for (int i = 0; i < l.size(); i++) if (!same(l.get(i), m.get(i))) return false;
            return true;
        }
        if (a instanceof Map<?, ?> l) {
            Map<?, ?> m = (Map<?, ?>) b;
            if (l.size() != m.size()) return false;
            Iterator<? extends Map.Entry<?, ?>> i = l.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> j = m.entrySet().iterator();
            while (i.hasNext()) {
                Map.Entry<?, ?> x = i.next();
                Map.Entry<?, ?> y = j.next();
                if (!same(x.getKey(), y.getKey()) || !same(x.getValue(), y.getValue())) return false;
            }
            return true;
        }
        return a.equals(b);
    }

    static Object value(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isBoolean()) return n.booleanValue();
        if (n.isIntegralNumber()) return n.longValue();
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) return n.textValue();
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            for (JsonNode e : n) out.add(value(e));
            return out;
        }
        if (n.has("$undefined")) return new Undefined("undefined in Ansible");
        if (n.has("$float")) {
            String f = n.get("$float").asText();
            return f.equals("nan") ? Double.NaN : f.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (JsonNode pair : n.get("$dict")) out.put(value(pair.get(0)), value(pair.get(1)));
        return out;
    }
}
