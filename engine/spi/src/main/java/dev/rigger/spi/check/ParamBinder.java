package dev.rigger.spi.check;

import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a task's arguments against a module's {@link ParamSpec} and converts them to the
 * declared types: what the engine does with a playbook's arguments, and the testkit with a
 * test's. The engine runs it twice: at load time over the values known then (templated values
 * are {@link #DEFERRED} and checked later), and before planning over the rendered values.
 * <b>Stable.</b>
 */
public final class ParamBinder {
    /** Stands for a value only known at run time (a template); type checks wait for it. */
    public static final Object DEFERRED = new Object() {
        @Override
        public String toString() { return "<templated>"; }
    };

    private final Object omitted;

    /**
     * One problem.
     *
     * @param param   the argument it concerns as written, or null for the arguments as a whole
     * @param message what is wrong, naming the module and the argument
     */
    public record Problem(String param, String message) { }

    /**
     * The converted values by canonical name, and what was wrong.
     *
     * @param values   each given argument under its parameter's name, converted to its type,
     *                 and the defaults of those not given
     * @param problems what was wrong; empty when the arguments are valid
     */
    public record Bound(Map<String, Object> values, List<Problem> problems) {
        /**
         * Whether the arguments are valid.
         *
         * @return true when there is no problem
         */
        public boolean ok() { return problems.isEmpty(); }

        /**
         * The problems as one message.
         *
         * @return the messages joined by {@code "; "}
         */
        public String message() {
            return String.join("; ", problems.stream().map(Problem::message).toList());
        }
    }

    /** A binder for which every given value is an argument. */
    public ParamBinder() {
        this(null);
    }

    /**
     * A binder that leaves out the arguments given as {@code omitted} (the engine's {@code omit}).
     *
     * @param omitted the value that means "not given", or null for none
     */
    public ParamBinder(Object omitted) {
        this.omitted = omitted;
    }

    /**
     * Checks and converts the arguments of one call of a module.
     *
     * @param module the module's name, for messages
     * @param spec   the module's parameters
     * @param given  the arguments as written, by name or alias
     * @return the converted values and every problem
     */
    public Bound bind(String module, ParamSpec spec, Map<String, Object> given) {
        return bindAs("module '" + module + "'", spec, given);
    }

    /**
     * The boolean words Ansible accepts: yes/no, true/false, on/off, y/n, 1/0 (any case), and
     * numbers (zero is false).
     *
     * @param v a value as written
     * @return the boolean, or null when {@code v} is none of them
     */
    public static Boolean toBool(Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) return n.intValue() != 0;
        if (v instanceof String s) {
            switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "yes": case "true": case "on": case "y": case "1": return true;
                case "no": case "false": case "off": case "n": case "0": return false;
                default: return null;
            }
        }
        return null;
    }

    /**
     * Binds {@code given} as {@code who} ({@code module 'm'}, or a nested mapping
     * {@code 'users[2]' of module 'm'}) declares it.
     */
    Bound bindAs(String who, ParamSpec spec, Map<String, ?> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, ?> e : given.entrySet()) {
            if (omitted != null && omitted.equals(e.getValue())) continue;
            var p = spec.find(e.getKey());
            if (p.isEmpty()) {
                problems.add(new Problem(e.getKey(), unknown(who, spec, e.getKey())));
                continue;
            }
            if (out.containsKey(p.get().name())) {
                problems.add(new Problem(e.getKey(), "'" + e.getKey() + "' given twice (as '" + p.get().name() + "' or an alias)"));
                continue;
            }
            if (e.getValue() == DEFERRED) {
                out.put(p.get().name(), DEFERRED);
                continue;
            }
            List<String> nested = new ArrayList<>();
            try {
                out.put(p.get().name(), new Converter(this).convert(p.get(), e.getValue(), "'" + e.getKey() + "' of " + who, nested));
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(e.getKey(), "argument '" + e.getKey() + "' of " + who + " " + ex.getMessage()));
                out.put(p.get().name(), e.getValue()); // given, if wrongly: not "missing" too
            }
            nested.forEach(m -> problems.add(new Problem(e.getKey(), m)));
        }
        exclusive(who, spec, out, problems);
        for (Param p : spec.params()) {
            if (out.get(p.name()) != null) continue;
            if (p.isRequired()) problems.add(new Problem(null, who + " needs argument '" + p.name() + "'"));
            else if (p.defaultValue() != null) out.put(p.name(), p.defaultValue());
        }
        // as Ansible: the combinations are checked with the defaults filled in
        for (List<String> g : spec.oneOf()) {
            if (g.stream().noneMatch(n -> out.get(n) != null)) problems.add(new Problem(null, who + " needs one of: " + String.join(", ", g)));
        }
        Rules.check(who, spec, out, problems);
        return new Bound(out, problems);
    }

    private static String unknown(String who, ParamSpec spec, String name) {
        List<String> known = new ArrayList<>();
        for (Param p : spec.params()) {
            known.add(p.name());
            known.addAll(p.aliases());
        }
        List<String> primary = spec.params().stream().map(Param::name).filter(n -> !n.startsWith("_")).toList();
        return "unknown argument '" + name + "' for " + who + Suggest.hint(name, known)
                + " (known: " + String.join(", ", primary) + ")";
    }

    private static void exclusive(String who, ParamSpec spec, Map<String, Object> out, List<Problem> problems) {
        for (List<String> g : spec.exclusive()) {
            List<String> given = g.stream().filter(out::containsKey).toList();
            if (given.size() > 1) {
                problems.add(new Problem(given.get(1), who + ": " + String.join(" and ", given) + " are mutually exclusive"));
            }
        }
    }
}
