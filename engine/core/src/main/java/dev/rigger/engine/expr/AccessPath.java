package dev.rigger.engine.expr;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A static access path an expression reads: a root name, then {@code .name}, {@code ['key']},
 * {@code [0]} steps, where a computed index ({@code [x]}) means "any entry at that level".
 * Checked against the scope before evaluating, so Unknown values are caught even on paths the
 * evaluation would reach only through a computed key.
 */
record AccessPath(String root, List<Step> steps) {

    sealed interface Step permits Key, AnyEntry {}

    /** A literal key ({@code String}) or list index ({@code Integer}). */
    record Key(Object key) implements Step {}

    record AnyEntry() implements Step {}

    private static final Object MISSING = new Object();

    /** @throws UnknownValueException if an {@link Unknown} lies on this path or inside the value it ends at */
    void requireKnown(Map<String, Object> scope) {
        if (scope.containsKey(root)) walk(scope.get(root), 0);
    }

    private void walk(Object value, int depth) {
        if (value instanceof Unknown u) throw new UnknownValueException(u.reason());
        if (depth == steps.size()) {
            Values.requireNoUnknown(value);
            return;
        }
        if (steps.get(depth) instanceof Key k) {
            Object next = lookup(value, k.key());
            if (next != MISSING) walk(next, depth + 1);
        } else {
            for (Object entry : entries(value)) walk(entry, depth + 1);
        }
    }

    /** Why this path cannot be read in {@code scope} ("undefined variable 'x'", "'a.b' has no 'c'"), if so. */
    Optional<String> findMissing(Map<String, Object> scope) {
        if (!scope.containsKey(root)) return Optional.of("undefined variable '" + root + "'");
        Object value = scope.get(root);
        StringBuilder label = new StringBuilder(root);
        for (Step step : steps) {
            if (!(step instanceof Key k)) return Optional.empty();
            if (value == null) return Optional.of("'" + label + "' is null, cannot read " + describe(k.key()));
            Object next = lookup(value, k.key());
            if (next == MISSING) return Optional.of("'" + label + "' has no " + describe(k.key()));
            label.append(render(k.key()));
            value = next;
        }
        return Optional.empty();
    }

    private static Object lookup(Object value, Object key) {
        if (value instanceof Map<?, ?> m) return m.containsKey(key) ? m.get(key) : MISSING;
        if (value instanceof List<?> l && key instanceof Integer i) return i >= 0 && i < l.size() ? l.get(i) : MISSING;
        return MISSING;
    }

    private static Collection<?> entries(Object value) {
        if (value instanceof Map<?, ?> m) return m.values();
        if (value instanceof Collection<?> c) return c;
        return List.of();
    }

    private static String describe(Object key) {
        return key instanceof Integer i ? "index " + i : "'" + key + "'";
    }

    private static String render(Object key) {
        if (key instanceof Integer i) return "[" + i + "]";
        String s = key.toString();
        return s.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + s : "['" + s + "']";
    }
}
