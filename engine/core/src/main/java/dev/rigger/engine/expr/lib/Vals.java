package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import dev.rigger.engine.expr.eval.Undefined;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Helpers the library's families share: argument reading, Jinja's attribute getters, Python's {@code +}. */
final class Vals {
    private Vals() {}

    /** Fails on an undefined input the way Jinja's strict undefined does. */
    static Object defined(Object v) {
        if (v instanceof Undefined u) throw u.fail();
        return Py.norm(v);
    }

    /** Jinja's soft_str: str() of anything. */
    static String str(Object v) {
        return Py.str(defined(v));
    }

    /** A str argument, as Python demands for methods: no conversion. */
    static String requireStr(Object v, String what) {
        Object n = defined(v);
        if (n instanceof String s) return s;
        throw new EvalException(what + " must be str, not " + Py.typeName(n));
    }

    static List<Object> iter(Object v) {
        return Py.iterate(defined(v));
    }

    static boolean bool(Object v) {
        return Py.truthy(defined(v));
    }

    /** An int argument: ints and bools as Python's int(), integral floats refused as Python does. */
    static long integer(Object v, String what) {
        Object n = defined(v);
        if (n instanceof Long l) return l;
        if (n instanceof Boolean b) return b ? 1 : 0;
        throw new EvalException("'" + Py.typeName(n) + "' object cannot be interpreted as an integer (" + what + ")");
    }

    static int smallInt(Object v, String what) {
        long l = integer(v, what);
        if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
            throw new EvalException(what + " " + l + " is too large");
        }
        return (int) l;
    }

    static void charge(Context ctx, long n) {
        ctx.budget().charge(n);
    }

    static List<Object> list(Context ctx, long expected) {
        charge(ctx, expected);
        return new ArrayList<>((int) Math.min(expected, 1024));
    }

    /** Python's hash() would accept it: scalars, not lists or dicts. */
    static boolean hashable(Object v) {
        return !(v instanceof Collection<?>) && !(v instanceof Map<?, ?>);
    }

    /** Py.getKey that also takes a None key on maps that refuse null lookups (Map.of). */
    static Object getKey(Map<?, ?> m, Object key, Object missing) {
        if (key == null) {
            for (Map.Entry<?, ?> e : m.entrySet()) if (e.getKey() == null) return e.getValue();
            return missing;
        }
        return Py.getKey(m, key, missing);
    }

    static boolean hasKey(Map<?, ?> m, Object key) {
        if (key == null) return m.keySet().stream().anyMatch(java.util.Objects::isNull);
        return Py.hasKey(m, key);
    }

    /** Jinja's environment.getitem: a key of a dict, an index of a list or str, else undefined. */
    static Object getItem(Object obj, Object key) {
        Object o = defined(obj);
        Object k = Py.norm(key);
        if (o instanceof Map<?, ?> m) return getKey(m, k, Undefined.attribute(o, k));
        if (o instanceof List<?> l && (k instanceof Long || k instanceof Boolean)) {
            long i = Py.toLong(k);
            if (i < 0) i += l.size();
            return i >= 0 && i < l.size() ? Py.norm(l.get((int) i)) : new Undefined(Py.typeName(o) + " object has no element " + k);
        }
        if (o instanceof String s && k instanceof Long i) {
            long j = i < 0 ? i + s.length() : i;
            return j >= 0 && j < s.length() ? String.valueOf(s.charAt((int) j)) : new Undefined("str object has no element " + k);
        }
        return Undefined.attribute(o, k);
    }

    /** Jinja's _prepare_attribute_parts: "a.0.b" is [a, 0, b]. */
    static List<Object> attributeParts(Object attribute) {
        Object a = Py.norm(attribute);
        if (a == null) return List.of();
        if (a instanceof String s) {
            List<Object> parts = new ArrayList<>();
            for (String p : s.split("\\.", -1)) parts.add(isAsciiDigits(p) ? (Object) Long.parseLong(p) : p);
            return parts;
        }
        return List.of(a);
    }

    private static boolean isAsciiDigits(String p) {
        if (p.isEmpty() || p.length() > 18) return false;
        for (int i = 0; i < p.length(); i++) if (p.charAt(i) < '0' || p.charAt(i) > '9') return false;
        return true;
    }

    /** Jinja's make_attrgetter, with its postprocess (lower-casing) and default. */
    static UnaryOperator<Object> attrGetter(Object attribute, boolean ignoreCase, Object dflt) {
        List<Object> parts = attributeParts(attribute);
        return item -> {
            Object v = item;
            for (Object part : parts) {
                v = getItem(v, part);
                if (dflt != null && v instanceof Undefined) v = dflt;
            }
            return ignoreCase ? lowerIfStr(v) : v;
        };
    }

    /** Jinja's make_multi_attrgetter: "age,name" gives [age, name]. */
    static UnaryOperator<Object> multiAttrGetter(Object attribute, boolean ignoreCase) {
        Object a = Py.norm(attribute);
        List<List<Object>> all = new ArrayList<>();
        if (a instanceof String s) {
            for (String one : s.split(",", -1)) all.add(attributeParts(one));
        } else {
            all.add(attributeParts(a));
        }
        return item -> {
            List<Object> out = new ArrayList<>(all.size());
            for (List<Object> parts : all) {
                Object v = item;
                for (Object part : parts) v = getItem(v, part);
                out.add(ignoreCase ? lowerIfStr(v) : v);
            }
            return out;
        };
    }

    static Object lowerIfStr(Object v) {
        return v instanceof String s ? PyStr.lower(s) : v;
    }

    /** Python's {@code a + b} for the values {@code sum} adds. */
    static Object add(Object a, Object b, Context ctx) {
        Object x = defined(a);
        Object y = defined(b);
        if (Py.isNumber(x) && Py.isNumber(y)) {
            if (Py.isInt(x) && Py.isInt(y)) {
                try {
                    return Math.addExact(Py.toLong(x), Py.toLong(y));
                } catch (ArithmeticException e) {
                    throw new EvalException("integer overflow in sum");
                }
            }
            return Py.toDouble(x) + Py.toDouble(y);
        }
        if (x instanceof String s && y instanceof String t) {
            charge(ctx, (long) s.length() + t.length());
            return s + t;
        }
        if (x instanceof List<?> l && y instanceof List<?> m) {
            charge(ctx, (long) l.size() + m.size());
            List<Object> out = new ArrayList<>(l);
            out.addAll(m);
            return out;
        }
        throw new EvalException("unsupported operand type(s) for +: '" + Py.typeName(x) + "' and '" + Py.typeName(y) + "'");
    }

    /** Deep copy into the value model (Long for ints), refusing foreign types. */
    static Object plain(Object v, int depth) {
        if (depth > 200) throw new EvalException("value nested deeper than 200 levels");
        Object n = Py.norm(v);
        if (n instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object e : l) out.add(plain(e, depth + 1));
            return out;
        }
        if (n instanceof Map<?, ?> m) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(plain(e.getKey(), depth + 1), plain(e.getValue(), depth + 1));
            return out;
        }
        return n;
    }
}
