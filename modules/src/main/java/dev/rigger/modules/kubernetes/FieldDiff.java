package dev.rigger.modules.kubernetes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whether {@code kubectl apply} would send anything, read on the client: the fields a manifest
 * sets differently from the live object, as kubectl's three-way merge finds them (the manifest
 * must be a subset of what the server holds: servers add defaults, status and metadata of their
 * own). It answers "nothing to send" exactly, and "something to send" too often: a zero value the
 * server prunes ({@code privileged: false}) or a quantity it normalises ({@code cpu: 0.5}) is
 * sent on every run and stored as before, so the module asks the server ({@link ServerDiff})
 * before calling anything a change. Maps are
 * compared by key, lists of maps that all carry a {@code name} by name (containers, env, ports),
 * other lists of maps by index, lists of scalars as a whole. Fields kubectl would remove (in the
 * last applied configuration but no longer in the manifest) count too.
 */
final class FieldDiff {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    /** One changed field: its path ({@code data["net-conf.json"]}) and values (null = absent). */
    record Field(String path, Object before, Object after) { }

    private final List<Field> out = new ArrayList<>();

    private FieldDiff() { }

    /** The fields to change to make {@code live} hold {@code manifest}, in manifest order. */
    static List<Field> between(Map<String, Object> manifest, Map<String, Object> live) {
        FieldDiff d = new FieldDiff();
        for (Map.Entry<String, Object> e : manifest.entrySet()) {
            switch (e.getKey()) {
                case "status" -> { }
                // the server answers in its preferred version of the group: rbac.../v1beta1 reads back as v1
                case "apiVersion" -> { if (!group(e.getValue()).equals(group(live.get("apiVersion")))) d.out.add(new Field("apiVersion", live.get("apiVersion"), e.getValue())); }
                default -> d.compare(e.getValue(), live.get(e.getKey()), key("", e.getKey()));
            }
        }
        Object last = lastApplied(live);
        if (last instanceof Map<?, ?> applied) d.removed(applied, manifest, "");
        return d.out;
    }

    private static String group(Object apiVersion) {
        String v = String.valueOf(apiVersion);
        return v.contains("/") ? v.substring(0, v.indexOf('/')) : "";
    }

    private void compare(Object want, Object have, String path) {
        if (want instanceof Map<?, ?> w && have instanceof Map<?, ?> h) {
            for (Map.Entry<?, ?> e : w.entrySet()) compare(e.getValue(), h.get(e.getKey()), key(path, e.getKey().toString()));
        } else if (want instanceof List<?> w && have instanceof List<?> h && !w.isEmpty() && w.stream().allMatch(x -> x instanceof Map)) {
            compareMaps(w, h, path);
        } else if (!same(want, have)) {
            out.add(new Field(path, have, want));
        }
    }

    private void compareMaps(List<?> want, List<?> have, String path) {
        boolean named = want.stream().allMatch(x -> ((Map<?, ?>) x).get("name") instanceof String);
        // a list without merge key is sent whole: an item more on the server is a change too
        if (!named && have.size() > want.size()) out.add(new Field(path, have, want));
        for (int k = 0; k < want.size(); k++) {
            Map<?, ?> w = (Map<?, ?>) want.get(k);
            Object h = named ? byName(have, w.get("name")) : k < have.size() ? have.get(k) : null;
            String at = named ? path + "[name=" + w.get("name") + "]" : path + "[" + k + "]";
            compare(w, h, at);
        }
    }

    /** Fields in the last applied configuration that the manifest no longer sets. */
    private void removed(Map<?, ?> applied, Map<?, ?> manifest, String path) {
        for (Map.Entry<?, ?> e : applied.entrySet()) {
            String at = key(path, e.getKey().toString());
            if (at.equals("metadata.namespace")) continue; // kubectl apply -n adds it to what it records
            Object now = manifest.get(e.getKey());
            if (now == null && !empty(e.getValue()) && !manifest.containsKey(e.getKey())) out.add(new Field(at, e.getValue(), null));
            else if (now instanceof Map<?, ?> m && e.getValue() instanceof Map<?, ?> a) removed(a, m, at);
        }
    }

    static Object lastApplied(Map<String, Object> live) {
        Object meta = live.get("metadata");
        Object ann = meta instanceof Map<?, ?> m ? m.get("annotations") : null;
        Object text = ann instanceof Map<?, ?> a ? a.get(LAST_APPLIED) : null;
        if (!(text instanceof String s)) return null;
        try {
            return Json.read(s);
        } catch (RuntimeException e) {
            return null; // an annotation someone edited by hand: removals are then not detected
        }
    }

    private static Object byName(List<?> have, Object name) {
        for (Object h : have) if (h instanceof Map<?, ?> m && name.equals(m.get("name"))) return h;
        return null;
    }

    /** Equal as kubectl would send them: numbers by value, null and empty collections as absent. */
    static boolean same(Object want, Object have) {
        if (empty(want)) return empty(have);
        if (want instanceof Number a && have instanceof Number b) return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        if (want instanceof List<?> a && have instanceof List<?> b) {
            if (a.size() != b.size()) return false;
            for (int k = 0; k < a.size(); k++) {
                if (a.get(k) instanceof Map<?, ?> m && b.get(k) instanceof Map<?, ?> n) {
                    if (m.entrySet().stream().anyMatch(e -> !same(e.getValue(), n.get(e.getKey())))) return false;
                } else if (!same(a.get(k), b.get(k))) return false;
            }
            return true;
        }
        return Objects.equals(want, have);
    }

    private static boolean empty(Object v) {
        return v == null || v instanceof Map<?, ?> m && m.isEmpty() || v instanceof List<?> l && l.isEmpty();
    }

    /** {@code spec.replicas} or {@code data["net-conf.json"]}. */
    static String key(String path, String key) {
        if (IDENTIFIER.matcher(key).matches()) return path.isEmpty() ? key : path + "." + key;
        return path + "[" + Json.quote(key) + "]";
    }
}
