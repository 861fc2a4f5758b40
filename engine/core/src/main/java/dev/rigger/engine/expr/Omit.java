package dev.rigger.engine.expr;

/**
 * Ansible's {@code omit}: a module argument whose whole value renders to this placeholder is
 * left out, as if it had not been written ({@code mode: "{{ file_mode | default(omit) }}"}).
 */
public final class Omit {
    public static final String PLACEHOLDER = "__omit_place_holder__rigger";

    private Omit() {}
}
