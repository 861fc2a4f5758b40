package dev.rigger.engine.expr.eval;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jinja2's {@code loop} inside a for: a read-only mapping with index, index0, revindex, revindex0,
 * first, last, length, previtem, nextitem, depth, depth0; {@code loop.cycle(a, b)} is the evaluator's.
 */
public final class LoopInfo extends AbstractMap<String, Object> {
    private final List<Object> items;
    private final int index;

    LoopInfo(List<Object> items, int index) {
        this.items = items;
        this.index = index;
    }

    Object cycle(List<Object> values) {
        if (values.isEmpty()) throw new EvalException("no items for cycling given");
        return values.get(index % values.size());
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        putPosition(m, items, index);
        m.put("depth", 1L);
        m.put("depth0", 0L);
        putNeighbours(m, items, index);
        return m.entrySet();
    }

    /** index, index0, revindex, revindex0, first, last, length: what Jinja2's loop and Ansible's ansible_loop share. */
    public static void putPosition(Map<String, Object> m, List<?> items, int index) {
        int n = items.size();
        m.put("index", (long) index + 1);
        m.put("index0", (long) index);
        m.put("revindex", (long) (n - index));
        m.put("revindex0", (long) (n - index - 1));
        m.put("first", index == 0);
        m.put("last", index == n - 1);
        m.put("length", (long) n);
    }

    /** previtem and nextitem, each only where there is one. */
    public static void putNeighbours(Map<String, Object> m, List<?> items, int index) {
        if (index > 0) m.put("previtem", items.get(index - 1));
        if (index < items.size() - 1) m.put("nextitem", items.get(index + 1));
    }

    @Override
    public Object get(Object key) {
        for (Map.Entry<String, Object> e : entrySet()) if (e.getKey().equals(key)) return e.getValue();
        return null;
    }
}
