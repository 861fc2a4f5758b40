package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * unique, union, intersect, difference, symmetric_difference. Ansible computes these on lists
 * (unhashable) by keeping the first operand's order, so they are lists in that order here too.
 */
final class SetFilters {
    private SetFilters() {}

    static void register(Registry r) {
        r.filter(SetFilters::unique, "unique");
        r.filter((in, a, c) -> union(in, arg(a), c), "union");
        r.filter((in, a, c) -> intersect(in, arg(a), c), "intersect");
        r.filter((in, a, c) -> difference(in, arg(a), c), "difference");
        r.filter((in, a, c) -> symmetricDifference(in, arg(a), c), "symmetric_difference");
    }

    private static Object arg(Args a) {
        if (!a.has(0, "b")) throw new EvalException("missing the second list");
        return a.get(0, "b", null);
    }

    /** Python's hash equality: 1, 1.0 and True are one key. */
    static Object hashKey(Object v) {
        Object n = Py.norm(v);
        if (n instanceof Boolean b) return b ? 1L : 0L;
        if (n instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p62) return (long) (double) d;
        return n;
    }

    /** x in items, by hash when every item is hashable, else by Python's ==. */
    static final class Members {
        private final List<Object> items;
        private final Set<Object> keys;

        /** {@code x in b} as Python reads it: for a string b, a substring test (Ansible's list comprehension does that). */
        static Members of(Object b) {
            if (b instanceof String text) return new Members(text);
            return new Members(Vals.iter(b));
        }

        private final String text;

        private Members(String text) {
            this.text = text;
            this.items = List.of();
            this.keys = null;
        }

        Members(List<Object> items) {
            this.text = null;
            this.items = items;
            boolean hashable = items.stream().allMatch(Vals::hashable);
            this.keys = hashable ? new HashSet<>() : null;
            if (hashable) for (Object i : items) keys.add(hashKey(i));
        }

        boolean contains(Object x, Context c) {
            if (text != null) return Py.contains(text, x);
            if (keys != null) return Vals.hashable(x) && keys.contains(hashKey(x));
            for (Object i : items) {
                c.budget().tick();
                if (Py.eq(i, x)) return true;
            }
            return false;
        }
    }

    static Object unique(Object in, Args a, Context c) {
        Object caseSensitive = a.get(0, "case_sensitive", null);
        Object attribute = a.get(1, "attribute", null);
        return unique(Vals.iter(in), caseSensitive, attribute, c);
    }

    static List<Object> unique(List<Object> items, Object caseSensitive, Object attribute, Context c) {
        UnaryOperator<Object> key = Vals.attrGetter(attribute, !Py.truthy(caseSensitive), null);
        List<Object> out = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        boolean unhashable = false;
        for (Object item : items) {
            c.budget().tick();
            Object k = key.apply(item);
            if (!Vals.hashable(k)) {
                unhashable = true;
                break;
            }
            if (seen.add(hashKey(k))) out.add(item);
        }
        if (!unhashable) return out;
        if (Boolean.FALSE.equals(caseSensitive) || attribute != null) {
            throw new EvalException("Jinja2's unique filter failed and we cannot fall back to Ansible's version as it does "
                    + "not support the parameters supplied");
        }
        out.clear();
        for (Object item : items) {
            boolean found = false;
            for (Object o : out) {
                c.budget().tick();
                if (Py.eq(o, item)) {
                    found = true;
                    break;
                }
            }
            if (!found) out.add(item);
        }
        return out;
    }

    static List<Object> union(Object a, Object b, Context c) {
        List<Object> all = new ArrayList<>(Vals.iter(a));
        all.addAll(Vals.iter(b));
        Vals.charge(c, all.size());
        return unique(all, true, null, c);
    }

    static List<Object> intersect(Object a, Object b, Context c) {
        Members other = Members.of(b);
        List<Object> kept = new ArrayList<>();
        for (Object x : Vals.iter(a)) if (other.contains(x, c)) kept.add(x);
        return unique(kept, true, null, c);
    }

    static List<Object> difference(Object a, Object b, Context c) {
        Members other = Members.of(b);
        List<Object> kept = new ArrayList<>();
        for (Object x : Vals.iter(a)) if (!other.contains(x, c)) kept.add(x);
        return unique(kept, true, null, c);
    }

    static List<Object> symmetricDifference(Object a, Object b, Context c) {
        Members isect = new Members(intersect(a, b, c));
        List<Object> out = new ArrayList<>();
        for (Object x : union(a, b, c)) if (!isect.contains(x, c)) out.add(x);
        return out;
    }
}
