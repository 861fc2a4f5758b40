package dev.rigger.spi;

import java.util.List;

/**
 * One declared parameter of a module. Build with the static factories and the {@code with}
 * methods: {@code Param.string("path").required().aliases("dest").doc("...")}. <b>Stable.</b>
 */
public record Param(String name, Type type, boolean isRequired, Object defaultValue,
                    List<String> choices, List<String> aliases, boolean isSecret, String doc) {

    /** Types the engine checks and converts values to before a module sees them. */
    public enum Type {
        STRING, INT, BOOL, LIST, MAP, ANY,
        /** A file mode: an int (the bits, as YAML reads 0644) or an octal string "0644". */
        MODE
    }

    public Param {
        choices = List.copyOf(choices);
        aliases = List.copyOf(aliases);
    }

    private static Param of(String name, Type type) {
        return new Param(name, type, false, null, List.of(), List.of(), false, "");
    }

    public static Param string(String name) { return of(name, Type.STRING); }

    public static Param integer(String name) { return of(name, Type.INT); }

    public static Param bool(String name) { return of(name, Type.BOOL); }

    public static Param list(String name) { return of(name, Type.LIST); }

    public static Param map(String name) { return of(name, Type.MAP); }

    public static Param any(String name) { return of(name, Type.ANY); }

    public static Param mode(String name) { return of(name, Type.MODE); }

    public static Param choice(String name, String... choices) {
        return new Param(name, Type.STRING, false, null, List.of(choices), List.of(), false, "");
    }

    public Param required() {
        return new Param(name, type, true, defaultValue, choices, aliases, isSecret, doc);
    }

    public Param defaultValue(Object value) {
        return new Param(name, type, isRequired, value, choices, aliases, isSecret, doc);
    }

    public Param aliases(String... names) {
        return new Param(name, type, isRequired, defaultValue, choices, List.of(names), isSecret, doc);
    }

    /** The value is a secret: masked in every output, report and plan. */
    public Param secret() {
        return new Param(name, type, isRequired, defaultValue, choices, aliases, true, doc);
    }

    public Param doc(String text) {
        return new Param(name, type, isRequired, defaultValue, choices, aliases, isSecret, text);
    }
}
