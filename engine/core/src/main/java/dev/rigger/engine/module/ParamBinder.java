package dev.rigger.engine.module;

import dev.rigger.engine.diag.Suggest;
import dev.rigger.engine.expr.Omit;
import dev.rigger.engine.load.Values;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a task's arguments against a module's {@link ParamSpec} and converts them to the
 * declared types. Runs twice: at load time over the values known then (templated values are
 * {@link #DEFERRED} and checked later), and before planning over the rendered values.
 */
public final class ParamBinder {
    /** Compiled once: every mode of every task on every host goes through it. */
    private static final java.util.regex.Pattern OCTAL_MODE = java.util.regex.Pattern.compile("0?[0-7]{3,4}");

    /** Stands for a value only known at run time (a template); type checks wait for it. */
    public static final Object DEFERRED = new Object() {
        @Override
        public String toString() { return "<templated>"; }
    };

    /** One problem, with the argument it concerns (null: the task as a whole). */
    public record Problem(String param, String message) { }

    /** The converted values by canonical name, and what was wrong. */
    public record Bound(Map<String, Object> values, List<Problem> problems) {
        public boolean ok() { return problems.isEmpty(); }
    }

    public Bound bind(String module, ParamSpec spec, Map<String, Object> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (Omit.PLACEHOLDER.equals(e.getValue())) continue;
            var p = spec.find(e.getKey());
            if (p.isEmpty()) {
                problems.add(new Problem(e.getKey(), unknown(module, spec, e.getKey())));
                continue;
            }
            if (out.containsKey(p.get().name())) {
                problems.add(new Problem(e.getKey(), "'" + e.getKey() + "' given twice (as '" + p.get().name() + "' or an alias)"));
                continue;
            }
            try {
                out.put(p.get().name(), e.getValue() == DEFERRED ? DEFERRED : convert(p.get(), e.getValue()));
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(e.getKey(), "argument '" + e.getKey() + "' of module '" + module + "' " + ex.getMessage()));
            }
        }
        groups(module, spec, out, problems);
        for (Param p : spec.params()) {
            if (!out.containsKey(p.name()) || out.get(p.name()) == null) {
                if (p.isRequired()) problems.add(new Problem(null, "module '" + module + "' needs argument '" + p.name() + "'"));
                else if (p.defaultValue() != null) out.put(p.name(), p.defaultValue());
            }
        }
        return new Bound(out, problems);
    }

    private static String unknown(String module, ParamSpec spec, String name) {
        List<String> known = new ArrayList<>();
        for (Param p : spec.params()) {
            known.add(p.name());
            known.addAll(p.aliases());
        }
        List<String> primary = spec.params().stream().map(Param::name).filter(n -> !n.startsWith("_")).toList();
        return "unknown argument '" + name + "' for module '" + module + "'" + Suggest.hint(name, known)
                + " (known: " + String.join(", ", primary) + ")";
    }

    private static void groups(String module, ParamSpec spec, Map<String, Object> out, List<Problem> problems) {
        for (List<String> g : spec.exclusive()) {
            List<String> given = g.stream().filter(out::containsKey).toList();
            if (given.size() > 1) {
                problems.add(new Problem(given.get(1), "module '" + module + "': " + String.join(" and ", given) + " are mutually exclusive"));
            }
        }
        for (List<String> g : spec.oneOf()) {
            if (g.stream().noneMatch(out::containsKey)) {
                problems.add(new Problem(null, "module '" + module + "' needs one of: " + String.join(", ", g)));
            }
        }
    }

    static Object convert(Param p, Object v) {
        if (v == null) return null;
        Object c = switch (p.type()) {
            case STRING -> unicode(scalarString(p, v));
            case INT -> toInt(v);
            case BOOL -> toBool(v);
            case LIST -> {
                List<String> l = toList(v);
                l.forEach(ParamBinder::unicode);
                yield l;
            }
            case MAP -> {
                if (v instanceof Map<?, ?>) yield v;
                throw new IllegalArgumentException("must be a mapping, got " + describe(v));
            }
            case MODE -> toMode(v);
            case ANY -> v;
        };
        if (!p.choices().isEmpty() && !p.choices().contains(c)) {
            throw new IllegalArgumentException("must be one of " + p.choices() + ", got '" + c + "'");
        }
        return c;
    }

    private static String scalarString(Param p, Object v) {
        if (v instanceof Map<?, ?> || v instanceof List<?>) throw new IllegalArgumentException("must be a string, got " + describe(v));
        if (v instanceof Boolean b && !p.choices().isEmpty()) {
            // YAML 1.1 reads on/off/yes/no as booleans; give back the word the module declared
            for (String w : b ? List.of("on", "yes", "true") : List.of("off", "no", "false")) {
                if (p.choices().contains(w)) return w;
            }
        }
        return v.toString();
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
        Boolean b = Values.toBool(v);
        if (b == null) throw new IllegalArgumentException("must be true or false, got '" + v + "'");
        return b;
    }

    private static List<String> toList(Object v) {
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) out.add(String.valueOf(o));
            return out;
        }
        if (v instanceof Map<?, ?>) throw new IllegalArgumentException("must be a list, got a mapping");
        List<String> out = new ArrayList<>();
        for (String s : v.toString().split(",")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    private static Integer toMode(Object v) {
        if (v instanceof Number n) return n.intValue();
        String s = v.toString().trim();
        if (OCTAL_MODE.matcher(s).matches()) return Integer.parseInt(s, 8);
        throw new IllegalArgumentException("must be an octal mode such as '0644', got '" + s + "'");
    }

    private static String describe(Object v) {
        if (v instanceof Map<?, ?>) return "a mapping";
        if (v instanceof List<?>) return "a list";
        return "'" + v + "'";
    }
}
