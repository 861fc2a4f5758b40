package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import dev.rigger.engine.expr.eval.Undefined;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Jinja's tests and Ansible's: types, comparisons, task results, sets, truthiness. */
final class CoreTests {
    private CoreTests() {}

    static void register(Registry r) {
        r.test((v, a, c) -> !(v instanceof Undefined), "defined");
        r.test((v, a, c) -> v instanceof Undefined, "undefined");
        r.test((v, a, c) -> Vals.defined(v) == null, "none");
        r.test((v, a, c) -> Vals.defined(v) instanceof String, "string");
        r.test((v, a, c) -> Py.isNumber(Vals.defined(v)), "number");
        r.test((v, a, c) -> Vals.defined(v) instanceof Long, "integer");
        r.test((v, a, c) -> Vals.defined(v) instanceof Double, "float");
        r.test((v, a, c) -> Vals.defined(v) instanceof Boolean, "boolean");
        r.test((v, a, c) -> Boolean.FALSE.equals(Vals.defined(v)), "false");
        r.test((v, a, c) -> Boolean.TRUE.equals(Vals.defined(v)), "true");
        r.test((v, a, c) -> Vals.defined(v) instanceof Map<?, ?>, "mapping");
        r.test((v, a, c) -> iterable(v), "sequence", "iterable");
        r.test((v, a, c) -> false, "callable", "escaped");
        r.test((v, a, c) -> PyStr.isCase(Vals.str(v), true), "lower");
        r.test((v, a, c) -> PyStr.isCase(Vals.str(v), false), "upper");
        r.test((v, a, c) -> mod2(v) == 1, "odd");
        r.test((v, a, c) -> mod2(v) == 0, "even");
        r.test(CoreTests::divisibleby, "divisibleby");
        r.test(CoreTests::sameas, "sameas");
        r.test((v, a, c) -> Py.contains(arg(a, "seq"), Vals.defined(v)), "in");
        r.test((v, a, c) -> Py.contains(Vals.defined(v), arg(a, "value")), "contains");
        r.test((v, a, c) -> Py.eq(Vals.defined(v), arg(a, "other")), "==", "eq", "equalto");
        r.test((v, a, c) -> !Py.eq(Vals.defined(v), arg(a, "other")), "!=", "ne");
        r.test((v, a, c) -> Py.compare(Vals.defined(v), arg(a, "other")) < 0, "<", "lt", "lessthan");
        r.test((v, a, c) -> Py.compare(Vals.defined(v), arg(a, "other")) <= 0, "<=", "le");
        r.test((v, a, c) -> Py.compare(Vals.defined(v), arg(a, "other")) > 0, ">", "gt", "greaterthan");
        r.test((v, a, c) -> Py.compare(Vals.defined(v), arg(a, "other")) >= 0, ">=", "ge");
        r.test((v, a, c) -> subset(v, arg(a, "b")), "subset", "issubset");
        r.test((v, a, c) -> subset(arg(a, "b"), v), "superset", "issuperset");
        r.test((v, a, c) -> truthy(v, a), "truthy");
        r.test((v, a, c) -> !truthy(v, a), "falsy");
        r.test((v, a, c) -> Vals.defined(v) instanceof Double d && d.isNaN(), "nan", "isnan");
        r.test((v, a, c) -> Vals.iter(v).stream().allMatch(Py::truthy), "all");
        r.test((v, a, c) -> Vals.iter(v).stream().anyMatch(Py::truthy), "any");
        r.test((v, a, c) -> Library.standard().filter(Vals.str(v)) != null, "filter");
        r.test((v, a, c) -> Library.standard().test(Vals.str(v)) != null, "test");
        r.test((v, a, c) -> failed(v), "failed", "failure");
        r.test((v, a, c) -> !failed(v), "succeeded", "success", "successful");
        r.test((v, a, c) -> Py.truthy(get(result(v, "unreachable"), "unreachable")), "unreachable");
        r.test((v, a, c) -> !Py.truthy(get(result(v, "reachable"), "unreachable")), "reachable");
        r.test((v, a, c) -> changed(v), "changed", "change");
        r.test((v, a, c) -> Py.truthy(get(result(v, "skipped"), "skipped")), "skipped", "skip");
        r.test((v, a, c) -> asyncState(v, "finished"), "finished");
        r.test((v, a, c) -> asyncState(v, "started"), "started");
    }

    private static Object arg(Args a, String name) {
        if (!a.has(0, name)) throw new EvalException("the test needs an argument '" + name + "'");
        return Vals.defined(a.get(0, name, null));
    }

    private static boolean iterable(Object v) {
        Object x = Vals.defined(v);
        return x instanceof String || x instanceof List<?> || x instanceof Map<?, ?>;
    }

    /** Python's {@code value % 2}, floored. */
    private static double mod2(Object v) {
        Object x = Vals.defined(v);
        if (x instanceof Double d) return d - 2 * Math.floor(d / 2);
        if (!Py.isInt(x)) throw new EvalException("not all arguments converted during string formatting");
        return Math.floorMod(Py.toLong(x), 2L);
    }

    private static boolean divisibleby(Object v, Args a, Context c) {
        Object x = Vals.defined(v);
        Object n = arg(a, "num");
        if (!Py.isNumber(x) || !Py.isNumber(n)) throw new EvalException("unsupported operand type(s) for %: '"
                + Py.typeName(x) + "' and '" + Py.typeName(n) + "'");
        if (Py.toDouble(n) == 0) throw new EvalException("integer division or modulo by zero");
        if (Py.isInt(x) && Py.isInt(n)) return Math.floorMod(Py.toLong(x), Py.toLong(n)) == 0;
        return Py.toDouble(x) % Py.toDouble(n) == 0;
    }

    /** Python's {@code is}: None, True and False are singletons; collections by reference; small scalars by value. */
    private static boolean sameas(Object v, Args a, Context c) {
        Object x = Vals.defined(v);
        Object y = arg(a, "other");
        if (x == null || y == null) return x == y;
        if (x instanceof Boolean || y instanceof Boolean) return x.equals(y);
        if (x instanceof List<?> || x instanceof Map<?, ?>) return x == y;
        return x.getClass() == y.getClass() && x.equals(y);
    }

    private static boolean subset(Object a0, Object b0) {
        List<Object> a = Vals.iter(a0);
        List<Object> b = Vals.iter(b0);
        for (Object x : a) if (!Vals.hashable(x)) throw new EvalException("unhashable type: '" + Py.typeName(x) + "'");
        Set<Object> keys = new HashSet<>();
        for (Object y : b) {
            if (!Vals.hashable(y)) throw new EvalException("unhashable type: '" + Py.typeName(y) + "'");
            keys.add(SetFilters.hashKey(y));
        }
        for (Object x : a) if (!keys.contains(SetFilters.hashKey(x))) return false;
        return true;
    }

    private static boolean truthy(Object v, Args a) {
        Object x = Vals.defined(v);
        if (Py.truthy(a.get(0, "convert_bool", false))) {
            Boolean b = TypeFilters.boolean_(x);
            if (b != null) return b;
        }
        return Py.truthy(x);
    }

    private static Object get(Map<?, ?> m, String key) {
        return m.containsKey(key) ? m.get(key) : Boolean.FALSE;
    }

    private static Map<?, ?> result(Object v, String test) {
        if (!(Vals.defined(v) instanceof Map<?, ?> m)) throw new EvalException("The '" + test + "' test expects a dictionary");
        return m;
    }

    private static boolean failed(Object v) {
        return Py.truthy(get(result(v, "failed"), "failed"));
    }

    private static boolean changed(Object v) {
        Map<?, ?> m = result(v, "changed");
        if (m.containsKey("changed")) return Py.truthy(m.get("changed"));
        if (m.get("results") instanceof List<?> results && !results.isEmpty() && results.get(0) instanceof Map<?, ?>) {
            for (Object r : results) {
                if (r instanceof Map<?, ?> rm && Py.truthy(get(rm, "changed"))) return true;
            }
        }
        return false;
    }

    private static boolean asyncState(Object v, String key) {
        Map<?, ?> m = result(v, key);
        if (!m.containsKey(key)) return true;
        return Py.eq(m.get(key), 1L);
    }
}
