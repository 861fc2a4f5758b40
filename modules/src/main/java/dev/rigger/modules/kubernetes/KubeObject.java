package dev.rigger.modules.kubernetes;

import dev.rigger.modules.Shown;
import dev.rigger.spi.ModuleException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One object of a manifest: what kubectl needs to find it (kind, group, namespace, name) and its
 * whole body as the manifest gives it. Names and namespaces reach kubectl as literal argv words;
 * only what kubectl would read as an option (a leading '-') or what cannot be one line is refused.
 *
 * @param namespace null for cluster-scoped objects and for objects kubectl places itself
 * @param source    the document's own YAML text, or null when it came from an inline definition
 */
record KubeObject(String apiVersion, String kind, String namespace, String name, Map<String, Object> body, String source) {

    private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern API_VERSION = Pattern.compile("([a-z0-9.-]+/)?v[0-9]+[a-z0-9]*");
    static final List<String> WORKLOADS = List.of("DaemonSet", "Deployment", "StatefulSet");

    /** Reads one document; {@code defaultNamespace} (the task's) fills a missing metadata.namespace. */
    @SuppressWarnings("unchecked")
    static KubeObject of(Object document, String source, String defaultNamespace) {
        if (!(document instanceof Map<?, ?> m)) throw new ModuleException("a manifest document must be a mapping, got: " + document);
        Map<String, Object> body = (Map<String, Object>) m;
        String kind = text(body.get("kind"), "kind");
        String apiVersion = text(body.get("apiVersion"), "apiVersion of " + kind);
        if (!KIND.matcher(kind).matches()) throw new ModuleException("invalid kind " + Shown.quoted(kind));
        if (!API_VERSION.matcher(apiVersion).matches()) throw new ModuleException("invalid apiVersion " + Shown.quoted(apiVersion));
        Object meta = body.get("metadata");
        if (!(meta instanceof Map<?, ?> md)) throw new ModuleException(kind + " has no metadata");
        String name = word(text(md.get("name"), "metadata.name of a " + kind), "name");
        String ns = md.get("namespace") == null ? null : word(md.get("namespace").toString(), "namespace");
        if (ns != null && defaultNamespace != null && !ns.equals(defaultNamespace)) {
            throw new ModuleException(kind + "/" + name + " is in namespace " + Shown.quoted(ns) + " but the task says namespace "
                    + Shown.quoted(defaultNamespace));
        }
        return new KubeObject(apiVersion, kind, ns != null ? ns : defaultNamespace, name, body, source);
    }

    /** {@code Kind/namespace/name}, or {@code Kind/name} without a namespace. */
    String subject() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }

    /** The kind as kubectl resolves it without guessing between groups: {@code DaemonSet.apps}. */
    String resource() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? kind : kind + "." + apiVersion.substring(0, slash);
    }

    boolean isWorkload() {
        return WORKLOADS.contains(kind);
    }

    private static String text(Object v, String what) {
        if (v == null || v.toString().isBlank()) throw new ModuleException("a manifest object has no " + what);
        return v.toString();
    }

    private static String word(String v, String what) {
        if (v.startsWith("-") || v.chars().anyMatch(c -> c < 0x20) || v.isBlank()) {
            throw new ModuleException("invalid " + what + " " + Shown.quoted(v) + ": it must be one line and not start with '-'");
        }
        return v;
    }
}
