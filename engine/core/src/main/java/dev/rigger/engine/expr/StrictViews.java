package dev.rigger.engine.expr;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-only views of scope values handed to MVEL. They make every read strict and consistent:
 * a missing key or index throws (MVEL would return null for {@code m['k']}, and once optimized,
 * also for {@code m.k}), and reading an {@link Unknown} throws {@link UnknownValueException}.
 */
final class StrictViews {
    private StrictViews() {}

    /** A read of a key or index that is not there. */
    static final class MissingEntryException extends RuntimeException {
        MissingEntryException(String message) { super(message, null, false, false); }
    }

    static Object wrap(Object value) {
        if (value instanceof Unknown u) throw new UnknownValueException(u.reason());
        if (value instanceof StrictMap || value instanceof StrictList) return value;
        if (value instanceof Map<?, ?> m) return new StrictMap(m);
        if (value instanceof List<?> l) return new StrictList(l);
        return value;
    }

    /** The caller's own objects back; collections MVEL built (projections, literals) are copied. */
    static Object unwrap(Object value) {
        if (value instanceof StrictMap s) return s.delegate;
        if (value instanceof StrictList s) return s.delegate;
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, unwrap(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(unwrap(v)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> scopeView(Map<String, Object> scope) {
        return (Map<String, Object>) (Map<?, ?>) new StrictMap(scope);
    }

    static final class StrictMap extends AbstractMap<Object, Object> {
        private final Map<?, ?> delegate;

        StrictMap(Map<?, ?> delegate) { this.delegate = delegate; }

        @Override public Object get(Object key) {
            if (!delegate.containsKey(key)) throw new MissingEntryException("no key '" + key + "'");
            return wrap(delegate.get(key));
        }

        @Override public boolean containsKey(Object key) { return delegate.containsKey(key); }
        @Override public boolean containsValue(Object value) { return delegate.containsValue(unwrap(value)); }
        @Override public int size() { return delegate.size(); }

        @SuppressWarnings("unchecked")
        @Override public Set<Entry<Object, Object>> entrySet() {
            return (Set<Entry<Object, Object>>) (Set<?>) delegate.entrySet();
        }

        @Override public boolean equals(Object o) { return delegate.equals(unwrap(o)); }
        @Override public int hashCode() { return delegate.hashCode(); }
        @Override public String toString() { return delegate.toString(); }
    }

    static final class StrictList extends AbstractList<Object> {
        private final List<?> delegate;

        StrictList(List<?> delegate) { this.delegate = delegate; }

        @Override public Object get(int index) {
            if (index < 0 || index >= delegate.size()) {
                throw new MissingEntryException("no index " + index + " (size " + delegate.size() + ")");
            }
            return wrap(delegate.get(index));
        }

        @Override public int size() { return delegate.size(); }
        @Override public boolean contains(Object o) { return delegate.contains(unwrap(o)); }
        @Override public int indexOf(Object o) { return delegate.indexOf(unwrap(o)); }
        @Override public int lastIndexOf(Object o) { return delegate.lastIndexOf(unwrap(o)); }
        @Override public boolean equals(Object o) { return delegate.equals(unwrap(o)); }
        @Override public int hashCode() { return delegate.hashCode(); }
        @Override public String toString() { return delegate.toString(); }
    }
}
