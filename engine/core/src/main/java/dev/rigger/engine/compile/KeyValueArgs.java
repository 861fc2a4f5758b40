package dev.rigger.engine.compile;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.ExpressionCompiler;
import dev.rigger.engine.expr.syntax.TemplateParser;
import dev.rigger.engine.model.Task;
import dev.rigger.engine.module.FreeForm;
import dev.rigger.engine.yaml.YNode;
import dev.rigger.spi.ParamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * {@code {a: 1, cacheable: true}} -> {@code {key_value: {a: 1}, cacheable: true}}; with a
     * templated key ({@code "{{ item.key }}": ...}) the values are a {@link ValueTree.KeyedMap},
     * whose keys are rendered per host as Ansible's set_fact renders them.
     */
    static Map<String, Object> wrap(String module, Map<String, Object> args, Location at, ExpressionCompiler ec, Diagnostics diags) {
        Set<String> own = MODULES.get(canonical(module));
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> out = new LinkedHashMap<>();
        args.forEach((k, v) -> { if (own.contains(k)) out.put(k, v); else values.put(k, v); });
        if (values.keySet().stream().noneMatch(KeyValueArgs::templated)) {
            out.put("key_value", values);
            return out;
        }
        List<Map.Entry<Object, Object>> entries = new ArrayList<>();
        values.forEach((k, v) -> entries.add(new java.util.AbstractMap.SimpleImmutableEntry<>(
                templated(k) ? ValueTree.compile(k, at, ec, diags) : k, v)));
        out.put("key_value", new ValueTree.KeyedMap(entries));
        return out;
    }

    /** Whether a key is a template, rendered per host (its name is known at run time only). */
    static boolean templated(String key) {
        return TemplateParser.isPossiblyTemplate(key);
    }

    /** The keys of a set_fact task that are templates, as written. */
    static List<String> templatedNames(Task t) {
        Set<String> all = new LinkedHashSet<>();
        if (!applies(t.module())) return List.of();
        if (t.args() instanceof YNode.Mapping m) all.addAll(m.entries().keySet());
        return all.stream().filter(KeyValueArgs::templated).toList();
    }

    /** The variable names a set_fact task sets, as written (a templated key is no name: {@link #templatedNames}). */
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
        out.removeIf(KeyValueArgs::templated);
        return out;
    }

    private static String canonical(String module) {
        return module.replaceFirst("^ansible\\.(builtin|legacy)\\.", "");
    }
}
