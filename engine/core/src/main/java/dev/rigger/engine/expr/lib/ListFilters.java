package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import dev.rigger.engine.expr.eval.Undefined;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Sequence filters: length, first/last, min/max/sum, sort, flatten, zip, product, batch, slice, groupby. */
final class ListFilters {
    private ListFilters() {}

    static void register(Registry r) {
        r.filter((in, a, c) -> length(in), "length", "count");
        r.filter((in, a, c) -> first(in), "first");
        r.filter((in, a, c) -> last(in), "last");
        r.filter((in, a, c) -> minMax(in, a, true), "min");
        r.filter((in, a, c) -> minMax(in, a, false), "max");
        r.filter(ListFilters::sum, "sum");
        r.filter(ListFilters::sort, "sort");
        r.filter((in, a, c) -> reverse(in), "reverse");
        r.filter((in, a, c) -> list(in, c), "list");
        r.filter(ListFilters::flatten, "flatten");
        r.filter(ListFilters::zip, "zip");
        r.filter(ListFilters::zipLongest, "zip_longest");
        r.filter(ListFilters::product, "product");
        r.filter(ListFilters::batch, "batch");
        r.filter(ListFilters::slice, "slice");
        r.filter(ListFilters::groupby, "groupby");
        r.filter(ListFilters::subelements, "subelements");
        Selection.register(r);
    }

    static long length(Object in) {
        Object v = Vals.defined(in);
        if (v instanceof String s) return s.codePointCount(0, s.length());
        if (v instanceof List<?> l) return l.size();
        if (v instanceof Map<?, ?> m) return m.size();
        throw new EvalException("object of type '" + Py.typeName(v) + "' has no len()");
    }

    static Object first(Object in) {
        List<Object> items = Vals.iter(in);
        return items.isEmpty() ? new Undefined("No first item, sequence was empty.") : items.get(0);
    }

    static Object last(Object in) {
        List<Object> items = Vals.iter(in);
        return items.isEmpty() ? new Undefined("No last item, sequence was empty.") : items.get(items.size() - 1);
    }

    static Object minMax(Object in, Args a, boolean min) {
        boolean caseSensitive = Py.truthy(a.get(0, "case_sensitive", false));
        Object attribute = a.get(1, "attribute", null);
        List<Object> items = Vals.iter(in);
        if (items.isEmpty()) return new Undefined("No aggregated item, sequence was empty.");
        UnaryOperator<Object> key = Vals.attrGetter(attribute, !caseSensitive, null);
        Object best = items.get(0);
        Object bestKey = key.apply(best);
        for (int i = 1; i < items.size(); i++) {
            Object k = key.apply(items.get(i));
            int cmp = Py.compare(k, bestKey);
            if (min ? cmp < 0 : cmp > 0) {
                best = items.get(i);
                bestKey = k;
            }
        }
        return best;
    }

    static Object sum(Object in, Args a, Context c) {
        Object attribute = a.get(0, "attribute", null);
        Object acc = Py.norm(a.get(1, "start", 0L));
        if (acc instanceof String) throw new EvalException("sum() can't sum strings [use ''.join(seq) instead]");
        UnaryOperator<Object> get = attribute == null ? x -> x : Vals.attrGetter(attribute, false, null);
        for (Object item : Vals.iter(in)) {
            acc = Vals.add(acc, get.apply(item), c);
        }
        return acc;
    }

    static Object sort(Object in, Args a, Context c) {
        boolean reverse = Py.truthy(a.get(0, "reverse", false));
        boolean caseSensitive = Py.truthy(a.get(1, "case_sensitive", false));
        Object attribute = a.get(2, "attribute", null);
        List<Object> items = new ArrayList<>(Vals.iter(in));
        UnaryOperator<Object> key = Vals.multiAttrGetter(attribute, !caseSensitive);
        return sortBy(items, key, reverse);
    }

    static List<Object> sortBy(List<Object> items, UnaryOperator<Object> key, boolean reverse) {
        List<Object[]> keyed = new ArrayList<>(items.size());
        for (Object item : items) keyed.add(new Object[] {key.apply(item), item});
        Comparator<Object[]> cmp = (x, y) -> Py.compare(x[0], y[0]);
        keyed.sort(reverse ? cmp.reversed() : cmp);
        List<Object> out = new ArrayList<>(items.size());
        for (Object[] k : keyed) out.add(k[1]);
        return out;
    }

    static Object reverse(Object in) {
        Object v = Vals.defined(in);
        if (v instanceof String s) return new StringBuilder(s).reverse().toString();
        List<Object> out = new ArrayList<>(Vals.iter(v));
        Collections.reverse(out);
        return out;
    }

    static List<Object> list(Object in, Context c) {
        List<Object> items = Vals.iter(in);
        Vals.charge(c, items.size());
        return new ArrayList<>(items);
    }

    static Object flatten(Object in, Args a, Context c) {
        Object levels = a.get(0, "levels", null);
        boolean skipNulls = Py.truthy(a.get(1, "skip_nulls", true));
        List<Object> out = new ArrayList<>();
        flattenInto(Vals.iter(in), levels == null ? -1 : Vals.integer(levels, "levels"), skipNulls, out, c, 0);
        return out;
    }

    private static void flattenInto(List<Object> items, long levels, boolean skipNulls, List<Object> out, Context c, int depth) {
        if (depth > 200) throw new EvalException("flatten: list nested deeper than 200 levels");
        for (Object e : items) {
            c.budget().tick();
            if (skipNulls && (e == null || "None".equals(e) || "null".equals(e))) continue;
            if (e instanceof List<?> l && (levels < 0 || levels >= 1)) {
                @SuppressWarnings("unchecked")
                List<Object> sub = (List<Object>) l;
                flattenInto(sub, levels < 0 ? -1 : levels - 1, skipNulls, out, c, depth + 1);
            } else {
                Vals.charge(c, 1);
                out.add(e);
            }
        }
    }

    private static List<List<Object>> iterables(Object in, Args a) {
        List<List<Object>> all = new ArrayList<>();
        all.add(Vals.iter(in));
        for (Object other : a.positional()) all.add(Vals.iter(other));
        return all;
    }

    static Object zip(Object in, Args a, Context c) {
        List<List<Object>> all = iterables(in, a);
        int n = Integer.MAX_VALUE;
        for (List<Object> l : all) n = Math.min(n, l.size());
        return tuples(all, n, null, c);
    }

    static Object zipLongest(Object in, Args a, Context c) {
        List<List<Object>> all = iterables(in, a);
        int n = 0;
        for (List<Object> l : all) n = Math.max(n, l.size());
        return tuples(all, n, a.named().get("fillvalue"), c);
    }

    private static List<Object> tuples(List<List<Object>> all, int n, Object fill, Context c) {
        Vals.charge(c, (long) n * all.size());
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Object> t = new ArrayList<>(all.size());
            for (List<Object> l : all) t.add(i < l.size() ? l.get(i) : fill);
            out.add(t);
        }
        return out;
    }

    static Object product(Object in, Args a, Context c) {
        List<List<Object>> pools = iterables(in, a);
        long repeat = Vals.integer(a.named().getOrDefault("repeat", 1L), "repeat");
        if (repeat < 0) throw new EvalException("repeat argument cannot be negative");
        List<List<Object>> all = new ArrayList<>();
        for (long r = 0; r < repeat; r++) all.addAll(pools);
        long total = 1;
        for (List<Object> p : all) {
            total *= p.size();
            if (total > Integer.MAX_VALUE) Vals.charge(c, Long.MAX_VALUE);
        }
        Vals.charge(c, total * Math.max(1, all.size()));
        List<Object> out = new ArrayList<>();
        out.add(new ArrayList<>());
        for (List<Object> pool : all) {
            List<Object> next = new ArrayList<>();
            for (Object prefix : out) {
                for (Object item : pool) {
                    @SuppressWarnings("unchecked")
                    List<Object> t = new ArrayList<>((List<Object>) prefix);
                    t.add(item);
                    next.add(t);
                }
            }
            out = next;
        }
        return out;
    }

    static Object batch(Object in, Args a, Context c) {
        long linecount = Vals.integer(a.get(0, "linecount", null), "linecount");
        Object fill = a.get(1, "fill_with", null);
        List<Object> out = new ArrayList<>();
        List<Object> tmp = new ArrayList<>();
        for (Object item : Vals.iter(in)) {
            if (tmp.size() == linecount) {
                out.add(tmp);
                tmp = new ArrayList<>();
            }
            tmp.add(item);
        }
        if (!tmp.isEmpty()) {
            if (fill != null && tmp.size() < linecount) {
                Vals.charge(c, linecount - tmp.size());
                while (tmp.size() < linecount) tmp.add(fill);
            }
            out.add(tmp);
        }
        return out;
    }

    static Object slice(Object in, Args a, Context c) {
        long slices = Vals.integer(a.get(0, "slices", null), "slices");
        Object fill = a.get(1, "fill_with", null);
        List<Object> seq = Vals.iter(in);
        if (slices == 0) throw new EvalException("integer division or modulo by zero");
        Vals.charge(c, Math.max(0, slices) + seq.size());
        int length = seq.size();
        long per = Math.floorDiv(length, slices);
        long extra = Math.floorMod(length, slices);
        long offset = 0;
        List<Object> out = new ArrayList<>();
        for (long n = 0; n < slices; n++) {
            long start = offset + n * per;
            if (n < extra) offset++;
            long end = offset + (n + 1) * per;
            List<Object> tmp = new ArrayList<>(pySlice(seq, start, end));
            if (fill != null && n >= extra) tmp.add(fill);
            out.add(tmp);
        }
        return out;
    }

    private static List<Object> pySlice(List<Object> seq, long start, long end) {
        int n = seq.size();
        long s = start < 0 ? Math.max(0, start + n) : Math.min(start, n);
        long e = end < 0 ? Math.max(0, end + n) : Math.min(end, n);
        return s >= e ? List.of() : seq.subList((int) s, (int) e);
    }

    static Object groupby(Object in, Args a, Context c) {
        Object attribute = a.get(0, "attribute", null);
        Object dflt = a.get(1, "default", null);
        boolean caseSensitive = Py.truthy(a.get(2, "case_sensitive", false));
        UnaryOperator<Object> key = Vals.attrGetter(attribute, !caseSensitive, dflt);
        UnaryOperator<Object> outKey = Vals.attrGetter(attribute, false, dflt);
        List<Object> sorted = sortBy(new ArrayList<>(Vals.iter(in)), key, false);
        List<Object> out = new ArrayList<>();
        List<Object> group = null;
        Object groupKey = null;
        for (Object item : sorted) {
            Object k = key.apply(item);
            if (group == null || !Py.eq(k, groupKey)) {
                group = new ArrayList<>();
                groupKey = k;
                out.add(new ArrayList<>(List.of(caseSensitive ? k : outKey.apply(item), group)));
            }
            group.add(item);
        }
        return out;
    }

    static Object subelements(Object in, Args a, Context c) {
        Object obj = Vals.defined(in);
        Object path = Vals.defined(a.get(0, "subelements", null));
        boolean skipMissing = Py.truthy(a.get(1, "skip_missing", false));
        List<Object> elements;
        if (obj instanceof Map<?, ?> m) elements = new ArrayList<>(m.values());
        else if (obj instanceof List<?> l) elements = new ArrayList<>(l);
        else throw new EvalException("obj must be a list of dicts or a nested dict");
        List<Object> keys;
        if (path instanceof List<?> l) keys = new ArrayList<>(l);
        else if (path instanceof String s) keys = new ArrayList<>(List.of((Object[]) s.split("\\.", -1)));
        else throw new EvalException("subelements must be a list or a string");
        List<Object> out = new ArrayList<>();
        for (Object element : elements) {
            Object values = element;
            for (Object k : keys) {
                if (values instanceof Map<?, ?> m) {
                    if (!Vals.hasKey(m, k)) {
                        if (skipMissing) {
                            values = List.of();
                            break;
                        }
                        throw new EvalException("could not find " + Py.repr(k) + " key in iterated item " + Py.repr(values));
                    }
                    values = Vals.getKey(m, k, null);
                } else {
                    throw new EvalException("the key " + Py.str(k) + " should point to a dictionary, got '" + Py.str(values) + "'");
                }
            }
            if (!(values instanceof List<?> vl)) {
                throw new EvalException("the key " + Py.repr(keys.get(keys.size() - 1)) + " should point to a list, got " + Py.repr(values));
            }
            Vals.charge(c, vl.size());
            for (Object v : vl) out.add(new ArrayList<>(java.util.Arrays.asList(element, v)));
        }
        return out;
    }
}
