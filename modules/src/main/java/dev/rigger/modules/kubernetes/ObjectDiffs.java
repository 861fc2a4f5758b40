package dev.rigger.modules.kubernetes;

import dev.rigger.spi.Diff;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The diffs of one object: its YAML when it is new, one record per field the server would store
 * differently otherwise. A Secret's values are never shown, only whether and how much they change.
 */
final class ObjectDiffs {
    private ObjectDiffs() { }

    static Diff create(KubeObject o) {
        return Diff.create(o.subject(), o.source() != null ? o.source() : YamlWriter.show(o.body()));
    }

    /** {@code fields} from {@link ServerDiff}: live before, the server's dry-run answer after. */
    static List<Diff> update(KubeObject o, Map<String, Object> live, List<ServerDiff.Field> fields) {
        String subject = subject(o, live);
        boolean secret = o.kind().equals("Secret") && o.apiVersion().equals("v1");
        return fields.stream().map(f -> {
            boolean hidden = secret && (f.path().startsWith("data") || f.path().startsWith("stringData"));
            return Diff.update(subject + " " + f.path(), hidden ? hidden(f.before()) : YamlWriter.show(f.before()),
                    hidden ? hidden(f.after()) : YamlWriter.show(f.after()));
        }).toList();
    }

    /** A Secret's value as the diff shows it: its size only (base64 text in data). */
    private static String hidden(Object v) {
        if (v == null) return null;
        if (v instanceof String s) return "(secret, " + s.getBytes(StandardCharsets.UTF_8).length + " characters)";
        return "(secret values)";
    }

    /** {@code Kind/namespace/name} with the namespace the server reports (none when cluster-scoped). */
    static String subject(KubeObject o, Map<String, Object> live) {
        Object ns = live.get("metadata") instanceof Map<?, ?> m ? m.get("namespace") : null;
        return ns == null ? o.kind() + "/" + o.name() : o.kind() + "/" + ns + "/" + o.name();
    }
}
