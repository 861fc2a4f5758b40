package dev.rigger.engine.compile;

import java.util.Map;

/**
 * A task's variables from roles, as value trees, in Ansible's three places: {@code defaults}
 * (every role of the play, then the task's own role: below inventory vars), {@code vars} (the
 * same order: above play vars, below task vars) and {@code params} (the task's role's params
 * and an include's vars: above task vars and registered results, below extra vars).
 */
public record RoleLayers(Map<String, Object> defaults, Map<String, Object> vars, Map<String, Object> params) {
    public static final RoleLayers NONE = new RoleLayers(Map.of(), Map.of(), Map.of());
}
