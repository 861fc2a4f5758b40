package dev.rigger.engine.compile;

import dev.rigger.engine.model.Task;
import dev.rigger.engine.module.FreeForm;
import dev.rigger.engine.yaml.YNode;
import dev.rigger.spi.ParamSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code set_fact}'s arguments are the user's variable names, which no spec can declare: they go
 * to its {@code key_value} argument, its own options ({@code cacheable}) stay where they are.
 * The compiler also learns the names, so later reads of them are no typos.
 */
final class KeyValueArgs {
    /** Modules whose arguments are variables to set, with their own options. */
    private static final Map<String, Set<String>> MODULES = Map.of("set_fact", Set.of("cacheable"));

    private KeyValueArgs() { }

    static boolean applies(String module) {
        return MODULES.containsKey(canonical(module));
    }

    /** {@code {a: 1, cacheable: true}} -> {@code {key_value: {a: 1}, cacheable: true}}. */
    static Map<String, Object> wrap(String module, Map<String, Object> args) {
        Set<String> own = MODULES.get(canonical(module));
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> out = new LinkedHashMap<>();
        args.forEach((k, v) -> { if (own.contains(k)) out.put(k, v); else values.put(k, v); });
        out.put("key_value", values);
        return out;
    }

    /** The variable names a set_fact task sets, as written. */
    static Set<String> names(Task t) {
        Set<String> out = new LinkedHashSet<>();
        if (!applies(t.module())) return out;
        Set<String> own = MODULES.get(canonical(t.module()));
        if (t.args() instanceof YNode.Mapping m) {
            out.addAll(m.entries().keySet());
        } else if (t.args() instanceof YNode.Scalar s && s.value() != null) {
            out.addAll(FreeForm.parse(s.text(), ParamSpec.builder().build()).keySet());
            out.remove("_raw");
        }
        out.removeAll(own);
        return out;
    }

    private static String canonical(String module) {
        return module.replaceFirst("^ansible\\.(builtin|legacy)\\.", "");
    }
}
