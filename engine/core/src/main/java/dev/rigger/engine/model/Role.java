package dev.rigger.engine.model;

import dev.rigger.engine.diag.Location;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One use of a role in a play, as Ansible resolves its variables: {@code defaults} (its
 * dependencies' defaults, then its own: the lowest precedence of all), {@code vars} (its
 * dependencies' vars, the {@code vars:} it was given, then {@code vars/main.yml}: above play
 * vars) and {@code params} (the other keys of its {@code roles:} entry: above every variable
 * but extra vars). Values are as written; the compiler templates them.
 *
 * @param path     the role's folder: {@code files/} and {@code templates/} are looked up there first
 * @param location where the role was named ({@code roles:} entry, dependency or import)
 */
public record Role(String name, Path path, Map<String, Object> defaults, Map<String, Object> vars,
                   Map<String, Object> params, Location location) {
    public Role {
        defaults = frozen(defaults);
        vars = frozen(vars);
        params = frozen(params);
    }

    /** A read-only copy that keeps YAML's nulls ({@code key: ~} is a defined variable whose value is None). */
    private static Map<String, Object> frozen(Map<String, Object> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
