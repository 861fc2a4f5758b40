package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import dev.rigger.engine.expr.eval.Undefined;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The methods a template may call on a value, by an allow-list: read-only str, dict and list
 * methods as Python has them. Anything else is Python's AttributeError; no name ever reaches a
 * Java member of the value.
 */
final class Methods {
    private Methods() {}

    private static final Set<String> STR = Set.of("startswith", "endswith", "split", "rsplit", "splitlines", "strip", "lstrip",
            "rstrip", "lower", "upper", "title", "capitalize", "replace", "find", "rfind", "index", "rindex", "count", "join",
            "isdigit", "isalpha", "isalnum", "isspace", "islower", "isupper", "isnumeric", "isdecimal", "zfill", "ljust",
            "rjust", "center", "format", "swapcase", "casefold", "partition", "rpartition", "removeprefix", "removesuffix");
    private static final Set<String> DICT = Set.of("keys", "values", "items", "get", "copy");
    private static final Set<String> LIST = Set.of("index", "count", "copy");
    private static final Set<String> KEYWORDS = Set.of("split", "rsplit", "splitlines", "format");

    static boolean has(Object receiver, String name) {
        Object r = Py.norm(receiver);
        if (r instanceof String) return STR.contains(name);
        if (r instanceof Map<?, ?>) return DICT.contains(name);
        if (r instanceof List<?>) return LIST.contains(name);
        return false;
    }

    static Object call(Object receiver, String name, Args args, Context ctx) {
        if (receiver instanceof Undefined u) throw u.fail();
        Object r = Py.norm(receiver);
        if (!has(r, name)) {
            throw new EvalException("'" + Py.typeName(r) + "' object has no attribute '" + name + "'");
        }
        if (!args.named().isEmpty() && !KEYWORDS.contains(name)) {
            throw new EvalException(name + "() takes no keyword arguments");
        }
        if (r instanceof String s) return StrMethods.call(s, name, args, ctx);
        if (r instanceof Map<?, ?> m) return dict(m, name, args, ctx);
        return list((List<?>) r, name, args, ctx);
    }

    static Object arg(Args a, int i, String method) {
        if (i >= a.positional().size()) throw new EvalException(method + "() takes at least " + (i + 1) + " argument" + (i == 0 ? "" : "s") + " (" + a.positional().size() + " given)");
        return Vals.defined(a.positional().get(i));
    }

    static void atMost(Args a, int max, String method) {
        if (a.positional().size() > max) {
            throw new EvalException(method + "() takes at most " + max + " argument" + (max == 1 ? "" : "s") + " (" + a.positional().size() + " given)");
        }
    }

    private static Object dict(Map<?, ?> m, String name, Args a, Context ctx) {
        switch (name) {
            case "keys", "values", "items" -> {
                atMost(a, 0, name);
                Vals.charge(ctx, m.size());
                List<Object> out = new ArrayList<>(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (name.equals("keys")) out.add(e.getKey());
                    else if (name.equals("values")) out.add(e.getValue());
                    else out.add(new ArrayList<>(java.util.Arrays.asList(e.getKey(), e.getValue())));
                }
                return out;
            }
            case "get" -> {
                atMost(a, 2, name);
                Object key = arg(a, 0, name);
                if (!Vals.hashable(key)) throw new EvalException("unhashable type: '" + Py.typeName(key) + "'");
                return Vals.getKey(m, key, a.positional().size() > 1 ? a.positional().get(1) : null);
            }
            default -> {
                atMost(a, 0, name);
                Vals.charge(ctx, m.size());
                return new LinkedHashMap<>(m);
            }
        }
    }

    private static Object list(List<?> l, String name, Args a, Context ctx) {
        switch (name) {
            case "index" -> {
                atMost(a, 3, name);
                Object x = arg(a, 0, name);
                int start = PyStr.bound(a.positional().size() > 1 ? a.positional().get(1) : null, l.size(), 0);
                int end = PyStr.bound(a.positional().size() > 2 ? a.positional().get(2) : null, l.size(), l.size());
                for (int i = start; i < end; i++) if (Py.eq(l.get(i), x)) return (long) i;
                throw new EvalException(Py.repr(x) + " is not in list");
            }
            case "count" -> {
                atMost(a, 1, name);
                Object x = arg(a, 0, name);
                long n = 0;
                for (Object e : l) if (Py.eq(e, x)) n++;
                return n;
            }
            default -> {
                atMost(a, 0, name);
                Vals.charge(ctx, l.size());
                return new ArrayList<>(l);
            }
        }
    }
}
