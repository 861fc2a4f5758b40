package dev.rigger.modules.kubernetes;

import dev.rigger.spi.Diff;
import java.util.List;
import java.util.Map;

/** The diffs of one object: its YAML when it is new, one record per changed field otherwise. */
final class ObjectDiffs {
    private ObjectDiffs() { }

    static List<Diff> of(KubeObject o, Map<String, Object> live) {
        if (live == null) return List.of(Diff.create(o.subject(), o.source() != null ? o.source() : YamlWriter.show(o.body())));
        String subject = subject(o, live);
        return FieldDiff.between(o.body(), live).stream()
                .map(f -> Diff.update(subject + " " + f.path(), YamlWriter.show(f.before()), YamlWriter.show(f.after())))
                .toList();
    }

    /** {@code Kind/namespace/name} with the namespace the server reports (none when cluster-scoped). */
    static String subject(KubeObject o, Map<String, Object> live) {
        Object ns = live.get("metadata") instanceof Map<?, ?> m ? m.get("namespace") : null;
        return ns == null ? o.kind() + "/" + o.name() : o.kind() + "/" + ns + "/" + o.name();
    }
}
