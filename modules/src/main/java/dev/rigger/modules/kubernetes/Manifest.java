package dev.rigger.modules.kubernetes;

import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Params;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The objects a {@code kubectl_apply} task names: from a manifest file or an inline definition. */
final class Manifest {
    private Manifest() { }

    static List<KubeObject> objects(Params p) {
        String namespace = p.string("namespace");
        List<KubeObject> out = new ArrayList<>();
        for (Yaml.Document d : documents(p)) add(d.value(), d.source(), namespace, out);
        if (out.isEmpty()) throw new ModuleException("the manifest holds no objects");
        Set<String> seen = new HashSet<>();
        for (KubeObject o : out) {
            if (!seen.add(o.resource() + "/" + o.namespace() + "/" + o.name())) throw new ModuleException(o.subject() + " appears twice in the manifest");
        }
        return out;
    }

    private static List<Yaml.Document> documents(Params p) {
        if (p.has("src")) {
            String src = p.string("src");
            return Yaml.documents(new String(p.localFile(src), StandardCharsets.UTF_8), src);
        }
        Object d = p.values().get("definition");
        if (d instanceof String s) return Yaml.documents(s, "definition");
        if (d instanceof List<?> l) return l.stream().map(x -> new Yaml.Document(x, null)).toList();
        return List.of(new Yaml.Document(d, null));
    }

    /** A {@code kind: List} document stands for its items, as in kubectl. */
    private static void add(Object doc, String source, String namespace, List<KubeObject> out) {
        if (doc instanceof Map<?, ?> m && "List".equals(m.get("kind")) && m.get("items") instanceof List<?> items) {
            for (Object item : items) add(item, null, namespace, out);
        } else {
            out.add(KubeObject.of(doc, source, namespace));
        }
    }
}
