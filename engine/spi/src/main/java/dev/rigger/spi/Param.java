package dev.rigger.spi;

import java.util.List;

/**
 * One declared parameter of a module. Build with the static factories and the {@code with}
 * methods: {@code Param.string("path").required().aliases("dest").doc("...")}. <b>Stable.</b>
 *
 * <p>Immutable: each {@code with} method returns a new {@code Param}, so a spec can be built
 * in one expression and shared by every task and thread.
 *
 * @param name         the canonical name; {@link Params#values()} is keyed by it
 * @param type         what the engine converts the given value to
 * @param isRequired   whether a task must give it (then a default is pointless)
 * @param defaultValue used when the task gives none; must convert to {@code type} and be one
 *                     of {@code choices}; null for no default
 * @param choices      the only values allowed; empty when any value of the type is
 * @param aliases      other names a task may use, e.g. {@code dest} for {@code path}
 * @param isSecret     whether the value is masked in every output, report and plan
 * @param doc          one line for {@code rigger doc}; empty when undocumented
 */
public record Param(String name, Type type, boolean isRequired, Object defaultValue,
                    List<String> choices, List<String> aliases, boolean isSecret, String doc) {

    /** Types the engine checks and converts values to before a module sees them. */
    public enum Type {
        /**
         * Any scalar, as text; a YAML {@code yes}/{@code no} is given back as the matching
         * choice word when the parameter has choices.
         */
        STRING,
        /** A whole number, as an {@link Integer}. */
        INT,
        /** A {@link Boolean}; {@code yes}/{@code no}, {@code on}/{@code off}, 1/0 are accepted. */
        BOOL,
        /** A {@code List<String>}; a single string is split at commas. */
        LIST,
        /** A mapping, as a {@code Map<String, Object>}. */
        MAP,
        /** Whatever the task gave, unconverted. */
        ANY,
        /** A file mode: an int (the bits, as YAML reads 0644) or an octal string "0644". */
        MODE
    }

    /**
     * Copies the lists, so a {@code Param} cannot change after it is made.
     *
     * @param name         the canonical name
     * @param type         the value's type
     * @param isRequired   whether a task must give it
     * @param defaultValue the default, or null
     * @param choices      the allowed values, or empty
     * @param aliases      other names
     * @param isSecret     whether the value is masked
     * @param doc          one line of documentation
     */
    public Param {
        choices = List.copyOf(choices);
        aliases = List.copyOf(aliases);
    }

    private static Param of(String name, Type type) {
        return new Param(name, type, false, null, List.of(), List.of(), false, "");
    }

    /**
     * An optional {@link Type#STRING} parameter.
     *
     * @param name the canonical name
     * @return the parameter
     */
    public static Param string(String name) { return of(name, Type.STRING); }

    /**
     * An optional {@link Type#INT} parameter.
     *
     * @param name the canonical name
     * @return the parameter
     */
    public static Param integer(String name) { return of(name, Type.INT); }

    /**
     * An optional {@link Type#BOOL} parameter.
     *
     * @param name the canonical name
     * @return the parameter
     */
    public static Param bool(String name) { return of(name, Type.BOOL); }

    /**
     * An optional {@link Type#LIST} parameter.
     *
     * @param name the canonical name
     * @return the parameter
     */
    public static Param list(String name) { return of(name, Type.LIST); }

    /**
     * An optional {@link Type#MAP} parameter.
     *
     * @param name the canonical name
     * @return the parameter
     */
    public static Param map(String name) { return of(name, Type.MAP); }

    /**
     * An optional {@link Type#ANY} parameter.
     *
     * @param name the canonical name
     * @return the parameter
     */
    public static Param any(String name) { return of(name, Type.ANY); }

    /**
     * An optional {@link Type#MODE} parameter; read it with {@link Params#integer}.
     *
     * @param name the canonical name
     * @return the parameter
     */
    public static Param mode(String name) { return of(name, Type.MODE); }

    /**
     * An optional {@link Type#STRING} parameter limited to {@code choices}, e.g. a
     * {@code state} of {@code present} or {@code absent}.
     *
     * @param name    the canonical name
     * @param choices the allowed values
     * @return the parameter
     */
    public static Param choice(String name, String... choices) {
        return new Param(name, Type.STRING, false, null, List.of(choices), List.of(), false, "");
    }

    /**
     * The parameter must be given; a task without it fails validation before any host is
     * contacted.
     *
     * @return a required copy
     */
    public Param required() {
        return new Param(name, type, true, defaultValue, choices, aliases, isSecret, doc);
    }

    /**
     * The value used when a task does not give one.
     *
     * @param value the default, of a kind the parameter's type accepts
     * @return a copy with that default
     */
    public Param defaultValue(Object value) {
        return new Param(name, type, isRequired, value, choices, aliases, isSecret, doc);
    }

    /**
     * Other names a task may use; replaces any aliases set before.
     *
     * @param names the alternative names
     * @return a copy with those aliases
     */
    public Param aliases(String... names) {
        return new Param(name, type, isRequired, defaultValue, choices, List.of(names), isSecret, doc);
    }

    /**
     * The value is a secret: masked in every output, report and plan.
     *
     * @return a secret copy
     */
    public Param secret() {
        return new Param(name, type, isRequired, defaultValue, choices, aliases, true, doc);
    }

    /**
     * One line for {@code rigger doc}.
     *
     * @param text what the parameter means: lower-case, no trailing period, as the built-ins do
     * @return a copy with that documentation
     */
    public Param doc(String text) {
        return new Param(name, type, isRequired, defaultValue, choices, aliases, isSecret, text);
    }
}
