package dev.rigger.engine.module;

import dev.rigger.engine.diag.Location;
import dev.rigger.engine.diag.Suggest;
import dev.rigger.engine.expr.Omit;
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

        /**
         * The problems as one message for a task that fails at run time (its arguments were
         * templated), led by the task's location as a load-time error would be.
         */
        public String failure(Location task) {
            String all = String.join("; ", problems.stream().map(Problem::message).toList());
            return task == null || task == Location.NONE ? all : task + ": " + all;
        }
    }

    public Bound bind(String module, ParamSpec spec, Map<String, Object> given) {
        return bindAs("module '" + module + "'", spec, given);
    }

    /**
     * Binds {@code given} as {@code who} ({@code module 'm'}, or a nested mapping
     * {@code 'users[2]' of module 'm'}) declares it.
     */
    static Bound bindAs(String who, ParamSpec spec, Map<String, ?> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, ?> e : given.entrySet()) {
            if (Omit.PLACEHOLDER.equals(e.getValue())) continue;
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
                out.put(p.get().name(), Converter.convert(p.get(), e.getValue(), "'" + e.getKey() + "' of " + who, nested));
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
