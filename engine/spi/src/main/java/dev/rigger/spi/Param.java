package dev.rigger.spi;

import java.util.ArrayList;
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
 * @param elements     a {@link Type#LIST}'s item type; null (read as {@link Type#STRING}) otherwise
 * @param options      the nested spec of a {@link Type#MAP}, or of each item of a list of
 *                     {@link Type#MAP} elements; null when the mapping is not checked
 * @param checks       what a text value (or each item of a list of text) must also be
 */
public record Param(String name, Type type, boolean isRequired, Object defaultValue,
                    List<String> choices, List<String> aliases, boolean isSecret, String doc,
                    Type elements, ParamSpec options, List<Check> checks) {

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
        /**
         * A file mode: an int (the bits, as YAML reads 0644) or an octal string "0644"; with
         * {@link Check#SYMBOLIC_MODE}, also a symbolic one ("u=rwX,go=rX"), given as a String.
         */
        MODE,
        /**
         * Jinja2 expressions written as Ansible's {@code when} takes them (debug's {@code var},
         * assert's {@code that}): a string or a list of strings, each compiled at load as an
         * expression. The module gets a {@code Map<String, Object>} from each expression's text
         * to its value on the host, in the order written.
         */
        EXPRESSIONS
    }

    /**
     * Checks on a text value beyond its type, declared so that a bad value is refused at load
     * time with its location (or, for a templated value, before the task is planned), never by
     * the module on each host.
     */
    public enum Check {
        /** No line break ({@code \n} or {@code \r}); the message: {@code must be one line, got '...'}. */
        SINGLE_LINE("one line"),
        /** Starts with {@code /}; the message: {@code must be an absolute path, got '...'}. */
        ABSOLUTE_PATH("an absolute path"),
        /**
         * Starts with {@code /}, or with {@code ~} or {@code ~USER} (then {@code /} or the end): a
         * path the module expands on the host, as Ansible expands it for the user a task runs as.
         */
        HOME_PATH("an absolute path or one starting with ~"),
        /** Not blank (a list: at least one item); the message: {@code must not be empty}. */
        NOT_EMPTY("non-empty"),
        /**
         * On a {@link Type#MODE}: a symbolic mode as chmod takes it ({@code u+rwX,g-w,o=}) is
         * accepted beside an octal one, and reaches the module as that {@code String} (an octal
         * mode stays an {@code Integer}).
         */
        SYMBOLIC_MODE("an octal or symbolic mode");

        private final String words;

        Check(String words) { this.words = words; }

        /**
         * How {@code rigger doc} and the engine's messages name the check.
         *
         * @return e.g. {@code one line}
         */
        public String words() { return words; }
    }

    /**
     * A parameter without element type, nested spec or checks, as before those existed.
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
    public Param(String name, Type type, boolean isRequired, Object defaultValue,
                 List<String> choices, List<String> aliases, boolean isSecret, String doc) {
        this(name, type, isRequired, defaultValue, choices, aliases, isSecret, doc, null, null, List.of());
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
     * @param elements     a list's item type, or null
     * @param options      the nested spec, or null
     * @param checks       the checks on text values, or empty
     */
    public Param {
        choices = List.copyOf(choices);
        aliases = List.copyOf(aliases);
        checks = List.copyOf(checks);
    }

    private static Param of(String name, Type type) {
        return new Param(name, type, false, null, List.of(), List.of(), false, "", null, null, List.of());
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
     * An optional {@link Type#EXPRESSIONS} parameter.
     *
     * @param name the parameter's name
     * @return the parameter
     */
    public static Param expressions(String name) { return of(name, Type.EXPRESSIONS); }

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
        return new Param(name, Type.STRING, false, null, List.of(choices), List.of(), false, "", null, null, List.of());
    }

    /**
     * The parameter must be given; a task without it fails validation before any host is
     * contacted.
     *
     * @return a required copy
     */
    public Param required() {
        return new Param(name, type, true, defaultValue, choices, aliases, isSecret, doc, elements, options, checks);
    }

    /**
     * The value used when a task does not give one.
     *
     * @param value the default, of a kind the parameter's type accepts
     * @return a copy with that default
     */
    public Param defaultValue(Object value) {
        return new Param(name, type, isRequired, value, choices, aliases, isSecret, doc, elements, options, checks);
    }

    /**
     * Other names a task may use; replaces any aliases set before.
     *
     * @param names the alternative names
     * @return a copy with those aliases
     */
    public Param aliases(String... names) {
        return new Param(name, type, isRequired, defaultValue, choices, List.of(names), isSecret, doc, elements, options, checks);
    }

    /**
     * The value is a secret: masked in every output, report and plan.
     *
     * @return a secret copy
     */
    public Param secret() {
        return new Param(name, type, isRequired, defaultValue, choices, aliases, true, doc, elements, options, checks);
    }

    /**
     * One line for {@code rigger doc}.
     *
     * @param text what the parameter means: lower-case, no trailing period, as the built-ins do
     * @return a copy with that documentation
     */
    public Param doc(String text) {
        return new Param(name, type, isRequired, defaultValue, choices, aliases, isSecret, text, elements, options, checks);
    }

    /**
     * The type of each item of a {@link Type#LIST} (Ansible's {@code elements}): each is
     * converted and checked as a parameter of that type would be, and a bad one is refused as
     * {@code argument 'ports' of module 'm' item 2 must be a whole number, got 'x'}. Read the
     * converted items with {@link Params#list(String, Class)}.
     *
     * @param type the items' type; {@link Type#LIST} is not allowed (the engine's spec check says so)
     * @return a copy with that element type
     */
    public Param elements(Type type) {
        return new Param(name, this.type, isRequired, defaultValue, choices, aliases, isSecret, doc, type, options, checks);
    }

    /**
     * The spec a {@link Type#MAP} value, or each mapping of a list of {@link Type#MAP}
     * elements, is checked against (Ansible's {@code options}): unknown keys, types, required
     * keys, defaults and rules, with messages naming the path, e.g.
     * {@code 'users[2]' of module 'm' needs argument 'name'}.
     *
     * @param spec the nested spec
     * @return a copy with that nested spec
     */
    public Param options(ParamSpec spec) {
        return new Param(name, type, isRequired, defaultValue, choices, aliases, isSecret, doc, elements, spec, checks);
    }

    /**
     * The text (or each item of a list) must be one line: {@link Check#SINGLE_LINE}.
     *
     * @return a copy with that check
     */
    public Param singleLine() { return with(Check.SINGLE_LINE); }

    /**
     * The text (or each item of a list) must be an absolute path: {@link Check#ABSOLUTE_PATH}.
     *
     * @return a copy with that check
     */
    public Param absolutePath() { return with(Check.ABSOLUTE_PATH); }

    /**
     * The text must be an absolute path or start with {@code ~}: {@link Check#HOME_PATH}; the
     * module expands the {@code ~} on the host.
     *
     * @return a copy with that check
     */
    public Param absoluteOrHomePath() { return with(Check.HOME_PATH); }

    /**
     * The text must not be blank, a list must not be empty (nor any of its items blank):
     * {@link Check#NOT_EMPTY}.
     *
     * @return a copy with that check
     */
    public Param notEmpty() { return with(Check.NOT_EMPTY); }

    /**
     * A {@link Type#MODE} that also takes symbolic modes: {@link Check#SYMBOLIC_MODE}. Read it
     * with {@link Params#values()}: an {@code Integer} (octal) or a {@code String} (symbolic).
     *
     * @return a copy with that check
     */
    public Param symbolicMode() { return with(Check.SYMBOLIC_MODE); }

    private Param with(Check c) {
        List<Check> all = new ArrayList<>(checks);
        if (!all.contains(c)) all.add(c);
        return new Param(name, type, isRequired, defaultValue, choices, aliases, isSecret, doc, elements, options, all);
    }
}
