package dev.rigger.engine.expr.eval;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python's rules for the values expressions see, because Ansible's Jinja2 runs on Python and its
 * users write to Python's semantics. The value model: {@code null} (None), {@link Boolean},
 * {@link Long} (every integer; other integral Numbers are read as Long), {@link Double},
 * {@link String}, {@link List}, {@link Map} (insertion ordered), and {@link Undefined}. Nothing
 * else is ever handed to an expression, and nothing here calls a method of a value it was given
 * beyond these types' own read-only ones.
 */
public final class Py {
    private static final int MAX_DEPTH = 200;

    private Py() {}

    /** Integers as Long, floats as Double; anything else unchanged. */
    public static Object norm(Object v) {
        if (v instanceof Long || v instanceof Double) return v;
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        if (v instanceof Float f) return f.doubleValue();
        if (v instanceof BigInteger b) {
            if (b.bitLength() < 64) return b.longValue();
            throw new EvalException("integer " + b + " is out of range");
        }
        if (v instanceof BigDecimal d) return d.doubleValue();
        return v;
    }

    public static boolean isNumber(Object v) {
        return v instanceof Number || v instanceof Boolean;
    }

    /** An int in Python's sense: bool counts, as it subclasses int. */
    public static boolean isInt(Object v) {
        Object n = norm(v);
        return n instanceof Long || n instanceof Boolean;
    }

    public static long toLong(Object v) {
        Object n = norm(v);
        if (n instanceof Long l) return l;
        if (n instanceof Boolean b) return b ? 1 : 0;
        if (n instanceof Double d) return d.longValue();
        throw new EvalException("expected an integer, got " + typeName(v));
    }

    public static double toDouble(Object v) {
        Object n = norm(v);
        if (n instanceof Long l) return l;
        if (n instanceof Double d) return d;
        if (n instanceof Boolean b) return b ? 1 : 0;
        throw new EvalException("expected a number, got " + typeName(v));
    }

    public static boolean truthy(Object v) {
        if (v instanceof Undefined u) {
            if (u.lenient()) return false;
            throw u.fail();
        }
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof String s) return !s.isEmpty();
        if (v instanceof Collection<?> c) return !c.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        if (v instanceof Number n) return n.doubleValue() != 0;
        return true;
    }

    /** Python's type name, as Ansible's messages and {@code type_debug} say it. */
    public static String typeName(Object v) {
        if (v == null) return "NoneType";
        if (v instanceof Boolean) return "bool";
        if (v instanceof Undefined) return "AnsibleUndefined";
        Object n = norm(v);
        if (n instanceof Long) return "int";
        if (n instanceof Double) return "float";
        if (v instanceof String) return "str";
        if (v instanceof List<?>) return "list";
        if (v instanceof Map<?, ?>) return "dict";
        return "object";
    }

    /** Python's {@code str()}. */
    public static String str(Object v) {
        if (v instanceof String s) return s;
        StringBuilder sb = new StringBuilder();
        write(sb, v, false, 0);
        return sb.toString();
    }

    /** Python's {@code repr()}. */
    public static String repr(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, true, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, boolean quote, int depth) {
        if (depth > MAX_DEPTH) throw new EvalException("value nested deeper than " + MAX_DEPTH + " levels");
        if (v instanceof Undefined u) {
            if (u.lenient() && !quote) return;
            throw u.fail();
        }
        if (v instanceof Opaque o) throw o.onRead();
        if (v == null) sb.append("None");
        else if (v instanceof Boolean b) sb.append(b ? "True" : "False");
        else if (v instanceof String s) {
            if (quote) quote(sb, s);
            else sb.append(s);
        } else if (v instanceof List<?> l) {
            sb.append('[');
            boolean first = true;
            for (Object e : l) {
                if (!first) sb.append(", ");
                first = false;
                write(sb, e, true, depth + 1);
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(", ");
                first = false;
                write(sb, e.getKey(), true, depth + 1);
                sb.append(": ");
                write(sb, e.getValue(), true, depth + 1);
            }
            sb.append('}');
        } else {
            Object n = norm(v);
            if (n instanceof Double d) sb.append(floatRepr(d));
            else if (n instanceof Long l) sb.append(l);
            else throw new EvalException("a value of an unsupported type reached an expression");
        }
    }

    /** Python's repr of a str: single quotes unless the text has one and no double quote. */
    public static void quote(StringBuilder sb, String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) sb.append('\\').append(c);
                    else if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append(q);
    }

    /** Python's float repr: shortest digits, {@code 1.0}, {@code 1e+16}, {@code 1e-05}, {@code inf}, {@code nan}. */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent >= -5 && exponent < 16) {
            String plain = bd.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = bd.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder(d < 0 ? "-" : "");
        sb.append(digits.charAt(0));
        if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
        sb.append('e').append(exponent < 0 ? '-' : '+');
        String e = Integer.toString(Math.abs(exponent));
        if (e.length() < 2) sb.append('0');
        return sb.append(e).toString();
    }

    /** Python's {@code ==}: 1 == 1.0 == True, lists by element, dicts by entries. */
    public static boolean eq(Object a, Object b) {
        if (a instanceof Undefined || b instanceof Undefined) return a == b;
        if (a == null || b == null) return a == b;
        if (isNumber(a) && isNumber(b)) {
            Object x = norm(a instanceof Boolean ba ? (ba ? 1L : 0L) : a);
            Object y = norm(b instanceof Boolean bb ? (bb ? 1L : 0L) : b);
            if (x instanceof Long l && y instanceof Long m) return l.longValue() == m.longValue();
            return toDouble(x) == toDouble(y);
        }
        if (a instanceof String || b instanceof String) return a.equals(b);
        if (a instanceof List<?> l && b instanceof List<?> m) {
            if (l.size() != m.size()) return false;
            Iterator<?> i = l.iterator();
            Iterator<?> j = m.iterator();
            while (i.hasNext()) if (!eq(i.next(), j.next())) return false;
            return true;
        }
        if (a instanceof Map<?, ?> l && b instanceof Map<?, ?> m) {
            if (l.size() != m.size()) return false;
            for (Map.Entry<?, ?> e : l.entrySet()) {
                Object key = findKey(m, e.getKey());
                if (key == NO_KEY || !eq(e.getValue(), m.get(key))) return false;
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    /** Python's ordering for {@code < <= > >=} and sorting: numbers, strings, lists; else a TypeError. */
    public static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            Object x = norm(a instanceof Boolean ba ? (ba ? 1L : 0L) : a);
            Object y = norm(b instanceof Boolean bb ? (bb ? 1L : 0L) : b);
            if (x instanceof Long l && y instanceof Long m) return Long.compare(l, m);
            return Double.compare(toDouble(x), toDouble(y));
        }
        if (a instanceof String s && b instanceof String t) return codePointCompare(s, t);
        if (a instanceof List<?> l && b instanceof List<?> m) {
            Iterator<?> i = l.iterator();
            Iterator<?> j = m.iterator();
            while (i.hasNext() && j.hasNext()) {
                Object x = i.next();
                Object y = j.next();
                if (!eq(x, y)) return compare(x, y);
            }
            return Integer.compare(l.size(), m.size());
        }
        if (a instanceof Undefined u) throw u.fail();
        if (b instanceof Undefined u) throw u.fail();
        throw new EvalException("'<' not supported between instances of '" + typeName(a) + "' and '" + typeName(b) + "'");
    }

    /** Python compares str by code point, Java's compareTo by UTF-16 unit. */
    private static int codePointCompare(String s, String t) {
        int i = 0;
        int j = 0;
        while (i < s.length() && j < t.length()) {
            int a = s.codePointAt(i);
            int b = t.codePointAt(j);
            if (a != b) return Integer.compare(a, b);
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(s.length() - i, t.length() - j);
    }

    private static final Object NO_KEY = new Object();

    /** The key of {@code m} that equals {@code key} in Python's sense (1 finds 1L or 1.0), or NO_KEY. */
    private static Object findKey(Map<?, ?> m, Object key) {
        if (m.containsKey(key)) return key;
        if (isNumber(key) || key == null) {
            for (Object k : m.keySet()) if (isNumber(k) && eq(k, key)) return k;
        }
        return NO_KEY;
    }

    public static boolean hasKey(Map<?, ?> m, Object key) {
        return findKey(m, key) != NO_KEY;
    }

    /** {@code m[key]}, or {@code missing} when there is no such key. */
    public static Object getKey(Map<?, ?> m, Object key, Object missing) {
        Object k = findKey(m, key);
        return k == NO_KEY ? missing : m.get(k);
    }

    /** Python's {@code in}: substring, list element, dict key. */
    public static boolean contains(Object container, Object item) {
        if (container instanceof Undefined u) throw u.fail();
        if (item instanceof Undefined u) throw u.fail();
        if (container instanceof String s) {
            if (!(item instanceof String t)) {
                throw new EvalException("'in <string>' requires string as left operand, not " + typeName(item));
            }
            return s.contains(t);
        }
        if (container instanceof Collection<?> c) {
            for (Object e : c) if (eq(e, item)) return true;
            return false;
        }
        if (container instanceof Map<?, ?> m) return hasKey(m, item);
        throw new EvalException("argument of type '" + typeName(container) + "' is not iterable");
    }

    /** What {@code for x in value} walks: list elements, dict keys, string characters. */
    public static List<Object> iterate(Object value) {
        if (value instanceof Undefined u) throw u.fail();
        if (value instanceof List<?> l) return java.util.Collections.unmodifiableList(l);
        if (value instanceof Collection<?> c) return List.copyOf(c);
        if (value instanceof Map<?, ?> m) return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(m.keySet()));
        if (value instanceof String s) {
            return s.codePoints().mapToObj(cp -> (Object) new String(Character.toChars(cp))).toList();
        }
        throw new EvalException("'" + typeName(value) + "' object is not iterable");
    }
}
