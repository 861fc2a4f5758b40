package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import dev.rigger.engine.expr.eval.Undefined;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mapping filters: dict2items, items2dict, combine, dictsort, items, attr, extract. */
final class DictFilters {
    private DictFilters() {}

    static void register(Registry r) {
        r.filter(DictFilters::dict2items, "dict2items");
        r.filter(DictFilters::items2dict, "items2dict");
        r.filter(DictFilters::combine, "combine");
        r.filter(DictFilters::dictsort, "dictsort");
        r.filter((in, a, c) -> items(in, c), "items");
        r.filter((in, a, c) -> attr(in, a), "attr");
        r.filter(DictFilters::extract, "extract");
    }

    static Object dict2items(Object in, Args a, Context c) {
        Object v = Vals.defined(in);
        String keyName = Vals.str(a.get(0, "key_name", "key"));
        String valueName = Vals.str(a.get(1, "value_name", "value"));
        if (!(v instanceof Map<?, ?> m)) {
            throw new EvalException("dict2items requires a dictionary, got <class '" + Py.typeName(v) + "'> instead.");
        }
        Vals.charge(c, m.size());
        List<Object> out = new ArrayList<>(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Map<Object, Object> item = new LinkedHashMap<>();
            item.put(keyName, e.getKey());
            item.put(valueName, e.getValue());
            out.add(item);
        }
        return out;
    }

    static Object items2dict(Object in, Args a, Context c) {
        Object v = Vals.defined(in);
        Object keyName = a.get(0, "key_name", "key");
        Object valueName = a.get(1, "value_name", "value");
        if (!(v instanceof List<?> l)) {
            throw new EvalException("items2dict requires a list, got <class '" + Py.typeName(v) + "'> instead.");
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object item : l) {
            if (!(item instanceof Map<?, ?> m)) {
                throw new EvalException("items2dict requires a list of dictionaries, got " + Py.str(v) + " instead.");
            }
            if (!Vals.hasKey(m, keyName) || !Vals.hasKey(m, valueName)) {
                throw new EvalException("items2dict requires each dictionary in the list to contain the keys '" + Py.str(keyName)
                        + "' and '" + Py.str(valueName) + "', got " + Py.str(v) + " instead.");
            }
            put(out, Vals.getKey(m, keyName, null), Vals.getKey(m, valueName, null));
        }
        Vals.charge(c, out.size());
        return out;
    }

    /** dict[key] = value with Python's key equality (1 and 1.0 are one key, the first one kept). */
    static void put(Map<Object, Object> m, Object key, Object value) {
        Object k = Py.norm(key);
        if (!Vals.hashable(k)) throw new EvalException("unhashable type: '" + Py.typeName(k) + "'");
        if (m.containsKey(k) || !(Py.isNumber(k))) {
            m.put(k, value);
            return;
        }
        for (Object existing : m.keySet()) {
            if (Py.isNumber(existing) && Py.eq(existing, k)) {
                m.put(existing, value);
                return;
            }
        }
        m.put(k, value);
    }

    static Object combine(Object in, Args a, Context c) {
        Map<String, Object> kw = new LinkedHashMap<>(a.named());
        boolean recursive = Py.truthy(kw.containsKey("recursive") ? kw.remove("recursive") : false);
        String listMerge = Vals.str(kw.containsKey("list_merge") ? kw.remove("list_merge") : "replace");
        if (!kw.isEmpty()) throw new EvalException("'recursive' and 'list_merge' are the only valid keyword arguments");
        List<Object> terms = new ArrayList<>();
        terms.add(in);
        terms.addAll(a.positional());
        List<Object> dicts = new ArrayList<>();
        for (Object t : terms) {
            Object v = Vals.defined(t);
            if (v == null || "None".equals(v) || "null".equals(v)) continue;
            if (v instanceof List<?> l) {
                for (Object e : l) {
                    Object d = Vals.defined(e);
                    if (d == null || "None".equals(d) || "null".equals(d)) continue;
                    dicts.add(d);
                }
            } else {
                dicts.add(v);
            }
        }
        if (dicts.isEmpty()) return new LinkedHashMap<>();
        if (dicts.size() == 1) return dicts.get(0);
        Object result = dicts.get(dicts.size() - 1);
        for (int i = dicts.size() - 2; i >= 0; i--) result = mergeHash(dicts.get(i), result, recursive, listMerge, c, 0);
        return result;
    }

    /** Ansible's merge_hash: y's keys win over x's; recursive into dicts, lists per list_merge. */
    @SuppressWarnings("unchecked")
    static Map<Object, Object> mergeHash(Object x0, Object y0, boolean recursive, String listMerge, Context c, int depth) {
        if (!List.of("replace", "keep", "append", "prepend", "append_rp", "prepend_rp").contains(listMerge)) {
            throw new EvalException("merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', 'append', "
                    + "'prepend', 'append_rp' or 'prepend_rp'");
        }
        if (!(x0 instanceof Map<?, ?> x) || !(y0 instanceof Map<?, ?> y)) {
            throw new EvalException("failed to combine variables, expected dicts but got a '" + Py.typeName(x0) + "' and a '"
                    + Py.typeName(y0) + "': \n" + Py.str(x0) + "\n" + Py.str(y0));
        }
        if (depth > 200) throw new EvalException("combine: dicts nested deeper than 200 levels");
        Vals.charge(c, (long) x.size() + y.size());
        if (x.isEmpty() || Py.eq(x, y)) return new LinkedHashMap<>((Map<Object, Object>) y);
        Map<Object, Object> out = new LinkedHashMap<>((Map<Object, Object>) x);
        for (Map.Entry<?, ?> e : y.entrySet()) {
            Object key = e.getKey();
            Object yv = e.getValue();
            if (!Vals.hasKey(out, key)) {
                put(out, key, yv);
                continue;
            }
            Object xv = Vals.getKey(out, key, null);
            if (xv instanceof Map<?, ?> && yv instanceof Map<?, ?>) {
                put(out, key, recursive ? mergeHash(xv, yv, true, listMerge, c, depth + 1) : yv);
            } else if (xv instanceof List<?> xl && yv instanceof List<?> yl && !(recursive == false && listMerge.equals("replace"))) {
                List<Object> merged = new ArrayList<>();
                switch (listMerge) {
                    case "replace" -> merged = (List<Object>) yl;
                    case "keep" -> merged = (List<Object>) xl;
                    case "append" -> {
                        merged.addAll(xl);
                        merged.addAll(yl);
                    }
                    case "prepend" -> {
                        merged.addAll(yl);
                        merged.addAll(xl);
                    }
                    case "append_rp" -> {
                        for (Object z : xl) if (!Py.contains(yl, z)) merged.add(z);
                        merged.addAll(yl);
                    }
                    default -> {
                        merged.addAll(yl);
                        for (Object z : xl) if (!Py.contains(yl, z)) merged.add(z);
                    }
                }
                Vals.charge(c, merged.size());
                put(out, key, merged);
            } else {
                put(out, key, yv);
            }
        }
        return out;
    }

    static Object dictsort(Object in, Args a, Context c) {
        Object v = Vals.defined(in);
        boolean caseSensitive = Py.truthy(a.get(0, "case_sensitive", false));
        String by = Vals.str(a.get(1, "by", "key"));
        boolean reverse = Py.truthy(a.get(2, "reverse", false));
        int pos = switch (by) {
            case "key" -> 0;
            case "value" -> 1;
            default -> throw new EvalException("You can only sort by either \"key\" or \"value\"");
        };
        List<Object> pairs = items(v, c);
        return ListFilters.sortBy(pairs, p -> {
            Object k = ((List<?>) p).get(pos);
            return caseSensitive ? k : Vals.lowerIfStr(k);
        }, reverse);
    }

    static List<Object> items(Object in, Context c) {
        if (in instanceof Undefined) return new ArrayList<>();
        if (!(Vals.defined(in) instanceof Map<?, ?> m)) throw new EvalException("Can only get item pairs from a mapping.");
        Vals.charge(c, m.size());
        List<Object> out = new ArrayList<>(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) out.add(new ArrayList<>(java.util.Arrays.asList(e.getKey(), e.getValue())));
        return out;
    }

    /** attr reads a plain dict key only: it never reaches a Java member of a value. */
    static Object attr(Object in, Args a) {
        Object v = Vals.defined(in);
        Object name = a.get(0, "name", null);
        if (v instanceof Map<?, ?> m) return Vals.getKey(m, name, Undefined.attribute(v, name));
        return Undefined.attribute(v, name);
    }

    static Object extract(Object in, Args a, Context c) {
        Object container = a.get(0, "container", null);
        Object more = a.get(1, "morekeys", null);
        List<Object> keys = new ArrayList<>();
        keys.add(in);
        if (more instanceof List<?> l) keys.addAll(l);
        else if (more != null) keys.add(more);
        Object value = container;
        for (Object k : keys) {
            if (value instanceof Undefined) return value;
            value = Vals.getItem(value, k);
        }
        return value;
    }
}
