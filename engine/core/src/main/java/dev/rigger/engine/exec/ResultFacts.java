package dev.rigger.engine.exec;

import dev.rigger.engine.compile.ValueTree;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.ExpressionCompiler;
import java.util.List;
import java.util.Map;

/**
 * What a task's result sets on its host besides its registered value, as Ansible's strategy
 * does with a result's {@code ansible_facts} (each loop item's too): {@code include_vars}' become
 * variables above the task's vars, {@code set_fact}'s
 * variables at the registered results' precedence (and facts too when cacheable), any other
 * module's (setup) the host's facts.
 */
final class ResultFacts {
    /** Names an included file reads are checked when rendered, as Ansible does. */
    private static final ExpressionCompiler ANY_NAMES = ExpressionCompiler.unchecked();

    private ResultFacts() { }

    static void apply(String host, String module, Object registered, RunState state) {
        if (!(registered instanceof Map<?, ?> r)) return;
        if (r.get("results") instanceof List<?> items) {
            for (Object item : items) apply(host, module, item, state);
            return;
        }
        if (Boolean.TRUE.equals(r.get("failed")) || Boolean.TRUE.equals(r.get("skipped"))) return;
        if (!(r.get("ansible_facts") instanceof Map<?, ?> facts) || facts.isEmpty()) return;
        if (module.equals("include_vars")) {
            Map<String, Object> trees = new java.util.LinkedHashMap<>();
            // their templates are rendered when read, against the scope of the task that reads them
            typed(facts).forEach((k, v) -> trees.put(k, ValueTree.compileDeferringErrors(v, Location.NONE, ANY_NAMES)));
            state.include(host, trees);
        } else if (module.equals("set_fact")) {
            typed(facts).forEach((k, v) -> state.register(host, k, v));
            if (Boolean.TRUE.equals(r.get("_ansible_facts_cacheable"))) state.learnFacts(host, typed(facts));
        } else {
            state.learnFacts(host, typed(facts));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> typed(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
