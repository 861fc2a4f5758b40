package dev.rigger.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task's parameter values, already validated against the module's {@link ParamSpec},
 * converted to the declared types, with defaults filled in and aliases resolved. <b>Stable.</b>
 *
 * <p>Because validation already happened, a module reads each parameter with the getter
 * matching its declared {@link Param.Type} and need not check types again. The engine
 * supplies the implementation.
 */
public interface Params {

    /**
     * Values by canonical parameter name; absent parameters without a default are missing.
     *
     * @return the values, keyed by {@link Param#name()}
     */
    Map<String, Object> values();

    /**
     * Reads a file named relative to the playbook (e.g. {@code copy}'s {@code src}).
     *
     * @param name a path relative to the playbook's folder, or to its {@code files/} folder
     * @return the file's bytes
     * @throws ModuleException when the file cannot be read
     */
    byte[] localFile(String name);

    /**
     * Finds local files as {@link #localFile} does, but in the given folder of each place searched
     * ({@code vars/} for {@code include_vars}) instead of {@code files/}: the file {@code name}, or
     * every regular file under the folder {@code name} (recursively, sorted by path). Each can be
     * read with {@link #localFile}.
     *
     * @param name   a path relative to the playbook's (or role's) folder, or to its {@code folder}
     * @param folder the folder a role keeps such files in, e.g. {@code vars}
     * @return absolute paths; empty when nothing is found (or the engine reads no local files)
     */
    default List<String> localFiles(String name, String folder) {
        return List.of();
    }

    /**
     * The controller path a task names (e.g. {@code fetch}'s {@code dest}), as Ansible resolves it:
     * an absolute path as it is, a relative one against the playbook's folder.
     *
     * @param name a path on the controller, absolute or relative to the playbook's folder
     * @return the absolute, normalised path
     */
    default String controllerPath(String name) {
        return java.nio.file.Path.of(name).toAbsolutePath().normalize().toString();
    }

    /**
     * The current content of a file on the controller, read afresh on every call (a plan made after
     * a {@link Step.WriteLocal} sees what it wrote).
     *
     * @param path an absolute path on the controller
     * @return the file's bytes; empty when it is missing or is no regular file
     * @throws ModuleException when it exists but cannot be read
     */
    default Optional<byte[]> controllerFile(String path) {
        java.nio.file.Path p = java.nio.file.Path.of(path);
        if (!java.nio.file.Files.isRegularFile(p)) return Optional.empty();
        try {
            return Optional.of(java.nio.file.Files.readAllBytes(p));
        } catch (java.io.IOException e) {
            throw new ModuleException("cannot read " + path + " on the controller: " + e.getMessage());
        }
    }

    /**
     * Reads a template named relative to the playbook and renders its {@code {{ expr }}} parts
     * with the task's variables (the engine's expression language).
     *
     * @param name a path relative to the playbook's folder, or to its {@code templates/} folder
     * @return the rendered text
     * @throws ModuleException when the file is missing or an expression fails
     */
    String template(String name);

    /**
     * Whether the parameter has a value, given or by default.
     *
     * @param name the canonical name
     * @return true when its value is not null
     */
    default boolean has(String name) {
        return values().get(name) != null;
    }

    /**
     * A parameter's value as text.
     *
     * @param name the canonical name
     * @return the value's {@code toString()}, or null when it has none
     */
    default String string(String name) {
        Object v = values().get(name);
        return v == null ? null : v.toString();
    }

    /**
     * A parameter's value as text, for parameters that may be left out.
     *
     * @param name the canonical name
     * @return the value's {@code toString()}, or empty when it has none
     */
    default Optional<String> optional(String name) {
        return Optional.ofNullable(string(name));
    }

    /**
     * A {@link Param.Type#BOOL} parameter's value.
     *
     * @param name the canonical name
     * @return true only when the value is {@code true}; false when it is false or missing
     */
    default boolean bool(String name) {
        return Boolean.TRUE.equals(values().get(name));
    }

    /**
     * An {@link Param.Type#INT} or {@link Param.Type#MODE} parameter's value.
     *
     * @param name the canonical name
     * @return the number, or null when it has none
     * @throws ClassCastException when the parameter is of another type
     */
    default Integer integer(String name) {
        return (Integer) values().get(name);
    }

    /**
     * A {@link Param.Type#LIST} parameter's value.
     *
     * @param name the canonical name
     * @return the items, or an empty list when it has none
     */
    @SuppressWarnings("unchecked")
    default List<String> list(String name) {
        Object v = values().get(name);
        return v == null ? List.of() : (List<String>) v;
    }

    /**
     * A {@link Param.Type#LIST} parameter's items as converted for its
     * {@link Param#elements(Param.Type) element type}: {@code Integer} for INT and MODE,
     * {@code Boolean} for BOOL, {@code Map<String, Object>} for MAP (with its nested spec's
     * defaults filled in), {@code String} otherwise.
     *
     * @param name the canonical name
     * @param type the items' Java class
     * @param <T>  the items' type
     * @return the items, or an empty list when it has none
     * @throws ClassCastException when an item is not of {@code type}
     */
    default <T> List<T> list(String name, Class<T> type) {
        Object v = values().get(name);
        if (v == null) return List.of();
        return ((List<?>) v).stream().map(type::cast).toList();
    }

    /**
     * A {@link Param.Type#MAP} parameter's value.
     *
     * @param name the canonical name
     * @return the mapping, or an empty map when it has none
     */
    @SuppressWarnings("unchecked")
    default Map<String, Object> map(String name) {
        Object v = values().get(name);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }
}
