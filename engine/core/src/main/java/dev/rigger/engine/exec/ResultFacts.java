package dev.rigger.engine.exec;

import java.util.List;
import java.util.Map;

/**
 * What a task's result sets on its host besides its registered value, as Ansible's strategy
 * does with a result's {@code ansible_facts} (each loop item's too): they become the host's
 * facts ({@code setup}, and any module that returns facts).
 */
final class ResultFacts {
    private ResultFacts() { }

    static void apply(String host, Object registered, RunState state) {
        if (!(registered instanceof Map<?, ?> r)) return;
        if (r.get("results") instanceof List<?> items) {
            for (Object item : items) apply(host, item, state);
            return;
        }
        if (Boolean.TRUE.equals(r.get("failed")) || Boolean.TRUE.equals(r.get("skipped"))) return;
        if (r.get("ansible_facts") instanceof Map<?, ?> facts && !facts.isEmpty()) state.learnFacts(host, typed(facts));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> typed(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
