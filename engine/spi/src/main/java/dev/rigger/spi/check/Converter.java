package dev.rigger.spi.check;

import dev.rigger.spi.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Converts one argument's value to its parameter's declared type and applies its
 * {@link Param.Check}s, item by item for a list and key by key (through its nested spec) for a
 * mapping. A bad value throws {@link IllegalArgumentException} with the words after
 * "argument 'x' of module 'm'"; problems inside a nested mapping, which may be several, go to
 * {@code nested} as whole messages.
 */
final class Converter {
    /** Compiled once: every mode of every task on every host goes through it. */
    private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{3,4}");
    /** chmod's symbolic form, clause by clause: who, then operators each with its permissions. */
    private static final Pattern SYMBOLIC_MODE = Pattern.compile("[ugoa]*(?:[-+=][rwxXstugo]*)+(?:,[ugoa]*(?:[-+=][rwxXstugo]*)+)*");
    /** Binds a nested spec's mapping, leaving out what it leaves out. */
    private final ParamBinder binder;

    Converter(ParamBinder binder) {
        this.binder = binder;
    }

    /**
     * @param who    the value's name in messages of a nested spec: {@code 'users' of module 'm'}
     * @param nested where a nested spec's problems go
     */
    Object convert(Param p, Object v, String who, List<String> nested) {
        if (v == null) return null;
        Object c = switch (p.type()) {
            case STRING -> checked(p, unicode(scalarString(p, v)));
            case INT -> toInt(v);
            case BOOL -> toBool(v);
            case LIST -> toList(p, v, who, nested);
            case MAP -> toMap(p, v, who, nested);
            case MODE -> toMode(p, v);
            case ANY -> v;
            case EXPRESSIONS -> expressions(v);
        };
        if (!p.choices().isEmpty() && !p.choices().contains(c)) {
            throw new IllegalArgumentException("must be one of " + p.choices() + ", got '" + c + "'");
        }
        return c;
    }

    /** The engine gives expressions as a mapping of text to value (compile/ExpressionArgs); nothing else is one. */
    private static Object expressions(Object v) {
        if (v instanceof Map<?, ?>) return v;
        throw new IllegalArgumentException("must be expressions as written (a string or a list of strings), got " + describe(v));
    }

    private static String scalarString(Param p, Object v) {
        if (v instanceof Map<?, ?> || v instanceof List<?>) throw new IllegalArgumentException("must be a string, got " + describe(v));
        if (v instanceof Boolean b && !p.choices().isEmpty()) {
            // YAML 1.1 reads on/off/yes/no as booleans; give back the word the module declared
            for (String w : b ? List.of("on", "yes", "true") : List.of("off", "no", "false")) {
                if (p.choices().contains(w)) return w;
            }
        }
        // as Ansible's str conversion of a module argument (Python's str()): True, not true
        if (v instanceof Boolean b) return b ? "True" : "False";
        return v.toString();
    }

    private static String checked(Param p, String s) {
        for (Param.Check c : p.checks()) {
            boolean ok = switch (c) {
                case SINGLE_LINE -> s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
                case ABSOLUTE_PATH -> s.startsWith("/");
                case HOME_PATH -> s.startsWith("/") || s.matches("~[A-Za-z0-9_.][A-Za-z0-9_.-]*\\$?(/.*)?|~(/.*)?");
                case NOT_EMPTY -> !s.isBlank();
                case SYMBOLIC_MODE -> true;   // a mode's own form, checked by toMode
            };
            if (!ok) throw new IllegalArgumentException(c == Param.Check.NOT_EMPTY ? "must not be empty" : "must be " + c.words() + ", got " + quoted(s));
        }
        return s;
    }

    /**
     * Refuses a lone UTF-16 surrogate: it has no UTF-8 form, so it would reach the host as '?'
     * and a module comparing what it wrote with what it wants would never converge (found by the
     * injection fuzzer, with sysctl).
     */
    private static String unicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format(
                        "is not valid Unicode: a lone surrogate (\\u%04X) at character %d has no UTF-8 form", (int) c, i + 1));
            }
        }
        return s;
    }

    private static Integer toInt(Object v) {
        if (v instanceof Number n) return n.intValue();
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, got '" + v + "'");
        }
    }

    private static Boolean toBool(Object v) {
        Boolean b = ParamBinder.toBool(v);
        if (b == null) throw new IllegalArgumentException("must be true or false, got '" + v + "'");
        return b;
    }

    /** Items as given, or a string split at commas; each converted as a parameter of the element type. */
    private List<Object> toList(Param p, Object v, String who, List<String> nested) {
        if (v instanceof Map<?, ?>) throw new IllegalArgumentException("must be a list, got a mapping");
        List<?> items = v instanceof List<?> l ? l
                : java.util.Arrays.stream(v.toString().split(",")).filter(s -> !s.isBlank()).map(String::trim).toList();
        if (items.isEmpty() && p.checks().contains(Param.Check.NOT_EMPTY)) throw new IllegalArgumentException("must not be empty");
        Param.Type type = p.elements() == null ? Param.Type.STRING : p.elements();
        Param item = new Param(p.name(), type, false, null, List.of(), List.of(), false, "", null, p.options(), p.checks());
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object o = items.get(i);
            try {
                // text items keep what the engine always did: any value as its text; a nested
                // spec names the item: 'users' of module 'm' becomes 'users[2]' of module 'm'
                out.add(type == Param.Type.STRING ? checked(item, unicode(String.valueOf(o)))
                        : convert(item, o, who.replaceFirst("^'([^']*)'", "'$1[" + (i + 1) + "]'"), nested));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("item " + (i + 1) + " " + e.getMessage());
            }
        }
        return out;
    }

    private Object toMap(Param p, Object v, String who, List<String> nested) {
        if (!(v instanceof Map<?, ?> m)) throw new IllegalArgumentException("must be a mapping, got " + describe(v));
        if (p.options() == null) return v;
        Map<String, Object> given = new java.util.LinkedHashMap<>();
        m.forEach((k, x) -> given.put(String.valueOf(k), x));
        ParamBinder.Bound b = binder.bindAs(who, p.options(), given);
        b.problems().forEach(pr -> nested.add(pr.message()));
        return b.values();
    }

    private static Object toMode(Param p, Object v) {
        if (v instanceof Number n) return n.intValue();
        String s = v.toString().trim();
        if (OCTAL_MODE.matcher(s).matches()) return Integer.parseInt(s, 8);
        boolean symbolic = p.checks().contains(Param.Check.SYMBOLIC_MODE);
        if (symbolic && SYMBOLIC_MODE.matcher(s).matches()) return s;
        throw new IllegalArgumentException("must be an octal mode such as '0644'" + (symbolic ? " or a symbolic one such as 'u=rwX,go=rX'" : "")
                + ", got '" + s + "'");
    }

    private static String describe(Object v) {
        if (v instanceof Map<?, ?>) return "a mapping";
        if (v instanceof List<?>) return "a list";
        return "'" + v + "'";
    }

    /** In single quotes with line breaks and tabs escaped, so a message stays on its line. */
    static String quoted(String s) {
        return "'" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
    }
}
