package dev.rigger.engine.expr.differential;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Python's equality, type included, between a value Ansible gave (as read from JSON) and the value
 * Rigger gave. {@code 2 == 2.0} and {@code 1 == True} hold in Python, but here the Python type name
 * must match too, at every depth: a Long where Ansible had a float is a difference. Any Java integral
 * number counts as int (Python has one int type).
 */
final class PyValues {
    private PyValues() {}

    /** The Python type name Rigger's value would have ("str", "int", ..., or the Java class). */
    static String typeName(Object v) {
        if (v == null) return "NoneType";
        if (v instanceof Boolean) return "bool";
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) return "int";
        if (v instanceof Double || v instanceof Float) return "float";
        if (v instanceof CharSequence) return "str";
        if (v instanceof Map) return "dict";
        if (v instanceof List) return "list";
        return v.getClass().getName();
    }

    /**
     * True when Rigger's {@code actual} is Ansible's {@code expected} of type {@code expectedType}.
     * A Python tuple is a Java List here; a set is a List compared without order.
     */
    static boolean sameTopLevel(Object expected, String expectedType, Object actual) {
        if ("tuple".equals(expectedType)) return actual instanceof List && same(expected, actual);
        if ("set".equals(expectedType)) {
            return actual instanceof Collection<?> c && expected instanceof List<?> e
                    && c.size() == e.size() && e.stream().allMatch(x -> c.stream().anyMatch(y -> same(x, y)));
        }
        return expectedType.equals(typeName(actual)) && same(expected, actual);
    }

    /** Deep equality with type names (expected comes from JSON: Long, Double, String, Boolean, List, Map, null). */
    static boolean same(Object expected, Object actual) {
        if (expected == null) return actual == null;
        if (!typeName(expected).equals(typeName(actual))) return false;
        if (expected instanceof Long e) return e == ((Number) actual).longValue()
                && !(actual instanceof BigInteger b && b.bitLength() >= 64);
        if (expected instanceof Double e) return e.doubleValue() == ((Number) actual).doubleValue();
        if (expected instanceof String e) return e.equals(actual.toString());
        if (expected instanceof Boolean e) return e.equals(actual);
        if (expected instanceof List<?> e) {
            List<?> a = (List<?>) actual;
            if (e.size() != a.size()) return false;
            Iterator<?> ia = a.iterator();
            for (Object x : e) if (!same(x, ia.next())) return false;
            return true;
        }
        if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = (Map<?, ?>) actual;
            if (e.size() != a.size()) return false;
            for (Map.Entry<?, ?> en : e.entrySet()) {
                if (!a.containsKey(en.getKey()) || !same(en.getValue(), a.get(en.getKey()))) return false;
            }
            return true;
        }
        return expected.equals(actual);
    }

    /** A short Python-like rendering for reports (strings quoted, newlines escaped). */
    static String repr(Object v) {
        String s = reprFull(v);
        return s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
    }

    private static String reprFull(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof CharSequence s) {
            return "'" + s.toString().replace("\\", "\\\\").replace("\n", "\\n").replace("'", "\\'") + "'";
        }
        if (v instanceof List<?> l) return l.stream().map(PyValues::reprFull).collect(Collectors.joining(", ", "[", "]"));
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> reprFull(e.getKey()) + ": " + reprFull(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof Number) return v.toString();
        return v.getClass().getSimpleName() + "(" + v + ")";
    }
}
