package dev.rigger.modules.kubernetes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What would change on the server: the live object against what the server answered to a dry run
 * of {@code kubectl apply}, field by field, both ways (fields set, changed and removed). Both come
 * from the server, so its defaults, pruned zero values and normalised quantities are on both
 * sides and never read as a change. Left out: the server's bookkeeping (status, resourceVersion,
 * generation, managedFields, ...) and kubectl's own (the last-applied-configuration annotation,
 * which changes with every manifest edit even when the stored object does not).
 *
 * <p>One more rule, not kubectl's: a <em>placeholder</em>, a field that the manifest and the last
 * applied configuration both declare empty ({@code csrf: ""}) and that someone filled on the
 * server since (the dashboard writes its csrf key there), is left to whoever filled it. An object
 * whose only differences are placeholders is not applied again; kubectl apply would blank them
 * (its three-way merge sends {@code {"data":{"csrf":""}}}). When the object changes for another
 * reason the placeholder is shown with the rest, since kubectl apply will blank it then.
 */
final class ServerDiff {
    private static final Set<String> BOOKKEEPING = Set.of("resourceVersion", "generation", "managedFields", "creationTimestamp", "uid", "selfLink");

    /** One changed field: its path for people, its path as keys (null once inside a list), values (null = absent). */
    record Field(String path, List<String> keys, Object before, Object after) { }

    private final List<Field> out = new ArrayList<>();

    private ServerDiff() { }

    /** The fields that differ between {@code live} and the server's dry-run answer {@code stored}, placeholders left out when alone. */
    static List<Field> between(KubeObject o, Map<String, Object> live, Map<String, Object> stored) {
        ServerDiff d = new ServerDiff();
        Set<String> keys = new LinkedHashSet<>(stored.keySet());
        keys.addAll(live.keySet());
        for (String k : keys) {
            switch (k) {
                case "status", "apiVersion" -> { }
                case "metadata" -> d.metadata(live.get(k), stored.get(k));
                default -> d.compare(live.get(k), stored.get(k), FieldDiff.key("", k), List.of(k));
            }
        }
        Object applied = FieldDiff.lastApplied(live);
        boolean allPlaceholders = !d.out.isEmpty() && d.out.stream().allMatch(f -> placeholder(f, o.body(), applied));
        return allPlaceholders ? List.of() : d.out;
    }

    private void metadata(Object live, Object stored) {
        Map<?, ?> l = live instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> s = stored instanceof Map<?, ?> m ? m : Map.of();
        Set<Object> keys = new LinkedHashSet<>(s.keySet());
        keys.addAll(l.keySet());
        for (Object k : keys) {
            String key = k.toString();
            if (BOOKKEEPING.contains(key)) continue;
            Object a = l.get(k), b = s.get(k);
            if (key.equals("annotations")) { a = withoutLastApplied(a); b = withoutLastApplied(b); }
            compare(a, b, FieldDiff.key("metadata", key), List.of("metadata", key));
        }
    }

    private static Object withoutLastApplied(Object annotations) {
        if (!(annotations instanceof Map<?, ?> m) || !m.containsKey(FieldDiff.LAST_APPLIED)) return annotations;
        Map<Object, Object> copy = new java.util.LinkedHashMap<>(m);
        copy.remove(FieldDiff.LAST_APPLIED);
        return copy;
    }

    private void compare(Object before, Object after, String path, List<String> keys) {
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            Set<Object> names = new LinkedHashSet<>(a.keySet());
            names.addAll(b.keySet());
            for (Object k : names) compare(b.get(k), a.get(k), FieldDiff.key(path, k.toString()), keys == null ? null : append(keys, k.toString()));
        } else if (before instanceof List<?> b && after instanceof List<?> a && named(a) && named(b)) {
            Set<Object> names = new LinkedHashSet<>();
            a.forEach(x -> names.add(((Map<?, ?>) x).get("name")));
            b.forEach(x -> names.add(((Map<?, ?>) x).get("name")));
            for (Object n : names) compare(byName(b, n), byName(a, n), path + "[name=" + n + "]", null);
        } else if (before instanceof List<?> b && after instanceof List<?> a && b.size() == a.size()) {
            for (int k = 0; k < a.size(); k++) compare(b.get(k), a.get(k), path + "[" + k + "]", null);
        } else if (!same(before, after)) {
            out.add(new Field(path, keys, before, after));
        }
    }

    private static List<String> append(List<String> keys, String k) {
        List<String> l = new ArrayList<>(keys);
        l.add(k);
        return l;
    }

    private static boolean named(List<?> l) {
        return !l.isEmpty() && l.stream().allMatch(x -> x instanceof Map<?, ?> m && m.get("name") instanceof String);
    }

    private static Object byName(List<?> l, Object name) {
        for (Object x : l) if (name.equals(((Map<?, ?>) x).get("name"))) return x;
        return null;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        return Objects.equals(a, b);
    }

    /** Empty in the stored answer, in the manifest and in the last applied configuration, filled live. */
    private static boolean placeholder(Field f, Map<String, Object> manifest, Object applied) {
        if (f.keys() == null || !empty(f.after()) || empty(f.before())) return false;
        Object declared = at(manifest, f.keys());
        Object before = at(applied, f.keys());
        return declared != null && empty(declared) && declared.equals(f.after()) && before != null && before.equals(declared);
    }

    private static Object at(Object v, List<String> keys) {
        for (String k : keys) v = v instanceof Map<?, ?> m ? m.get(k) : null;
        return v;
    }

    private static boolean empty(Object v) {
        return v instanceof String s && s.isEmpty() || v instanceof Map<?, ?> m && m.isEmpty() || v instanceof List<?> l && l.isEmpty();
    }
}
