package dev.rigger.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task's parameter values, already validated against the module's {@link ParamSpec},
 * converted to the declared types, with defaults filled in and aliases resolved. <b>Stable.</b>
 */
public interface Params {

    /** Values by canonical parameter name; absent parameters without a default are missing. */
    Map<String, Object> values();

    /** Reads a file named relative to the playbook (e.g. {@code copy}'s {@code src}). */
    byte[] localFile(String name);

    /**
     * Reads a template named relative to the playbook and renders its {@code {{ expr }}} parts
     * with the task's variables (the engine's expression language).
     *
     * @throws ModuleException when the file is missing or an expression fails
     */
    String template(String name);

    default boolean has(String name) {
        return values().get(name) != null;
    }

    default String string(String name) {
        Object v = values().get(name);
        return v == null ? null : v.toString();
    }

    default Optional<String> optional(String name) {
        return Optional.ofNullable(string(name));
    }

    default boolean bool(String name) {
        return Boolean.TRUE.equals(values().get(name));
    }

    default Integer integer(String name) {
        return (Integer) values().get(name);
    }

    @SuppressWarnings("unchecked")
    default List<String> list(String name) {
        Object v = values().get(name);
        return v == null ? List.of() : (List<String>) v;
    }

    @SuppressWarnings("unchecked")
    default Map<String, Object> map(String name) {
        Object v = values().get(name);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }
}
