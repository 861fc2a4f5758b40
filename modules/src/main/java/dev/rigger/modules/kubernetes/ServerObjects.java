package dev.rigger.modules.kubernetes;

import dev.rigger.spi.ModuleException;
import dev.rigger.spi.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Objects as kubectl printed them with {@code -o json} (one object, a List, or several documents
 * one after the other, as kubectl 1.16's {@code apply -o json} prints them), found again by the
 * manifest's objects: group, kind, name, and namespace when the manifest gives one (the server
 * answers in its preferred version of the group: rbac.../v1beta1 reads back as v1).
 */
final class ServerObjects {
    /** kubectl's words for a kind the server does not serve (yet: its CustomResourceDefinition is in the same manifest). */
    private static final Pattern UNKNOWN_KIND = Pattern.compile(
            "no matches for kind|the server doesn't have a resource type|resource mapping not found|ensure CRDs are installed first");

    private final List<Map<String, Object>> objects;

    private ServerObjects(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    static ServerObjects none() {
        return new ServerObjects(List.of());
    }

    /**
     * What {@code kubectl get -f - --ignore-not-found} printed: objects that do not exist are not
     * there; an error that only says some kinds are unknown leaves them absent, any other fails.
     */
    static ServerObjects live(ProbeResult r) {
        if (!r.ok() && !onlyUnknownKinds(r.error())) throw new ModuleException("kubectl could not read the objects: " + message(r));
        return parse(r.text(), "kubectl get");
    }

    /** What the server's dry run of {@code kubectl apply} answered. */
    static ServerObjects dryRun(ProbeResult r) {
        if (!r.ok()) throw new ModuleException("the API server refused the objects (kubectl apply, server-side dry run): " + message(r));
        return parse(r.text(), "kubectl apply --dry-run=server");
    }

    @SuppressWarnings("unchecked")
    private static ServerObjects parse(String text, String what) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object v : Json.readAll(text)) {
            if (!(v instanceof Map<?, ?> m)) throw new ModuleException(what + " printed something else than objects");
            if (m.get("items") instanceof List<?> items && String.valueOf(m.get("kind")).endsWith("List")) {
                for (Object i : items) if (i instanceof Map<?, ?> o) out.add((Map<String, Object>) o);
            } else {
                out.add((Map<String, Object>) m);
            }
        }
        return new ServerObjects(out);
    }

    /** The server's object for a manifest's, or null. */
    Map<String, Object> find(KubeObject o) {
        for (Map<String, Object> s : objects) {
            Map<?, ?> meta = s.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
            if (!o.kind().equals(s.get("kind")) || !o.name().equals(meta.get("name"))) continue;
            if (!group(o.apiVersion()).equals(group(String.valueOf(s.get("apiVersion"))))) continue;
            if (o.namespace() != null && meta.get("namespace") != null && !o.namespace().equals(meta.get("namespace"))) continue;
            return s;
        }
        return null;
    }

    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static boolean onlyUnknownKinds(String stderr) {
        List<String> errors = stderr.lines().filter(l -> !l.isBlank()).toList();
        return !errors.isEmpty() && errors.stream().allMatch(l -> UNKNOWN_KIND.matcher(l).find());
    }

    private static String message(ProbeResult r) {
        return (r.error().isBlank() ? r.text() : r.error()).strip();
    }
}
