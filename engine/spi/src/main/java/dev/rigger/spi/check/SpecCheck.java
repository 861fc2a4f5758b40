package dev.rigger.spi.check;

import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a module unusable before any playbook calls it: a bad name or an inconsistent spec.
 * The engine refuses a module with a problem when it loads it; the testkit fails a test with it.
 * <b>Stable.</b>
 */
public final class SpecCheck {
    /** Types whose defaults the binder hands over as they are, so they must already be the converted value. */
    private static final Set<Param.Type> SCALARS = Set.of(Param.Type.INT, Param.Type.BOOL, Param.Type.MODE);
    private SpecCheck() { }

    /**
     * Every problem of a module's name and spec.
     *
     * @param m the module
     * @return the problems as the engine words them; empty when the module is usable
     */
    public static List<String> problems(Module m) {
        List<String> out = new ArrayList<>();
        ParamSpec spec;
        try {
            String name = m.name();
            if (name == null || !name.matches("[a-z][a-z0-9_.-]*")) out.add("name must be lower-case letters, digits, '_', '.', '-': '" + name + "'");
            spec = m.spec();
        } catch (RuntimeException e) {
            out.add("name() or spec() failed: " + e);
            return out;
        }
        if (spec == null) {
            out.add("spec() returned null");
            return out;
        }
        check(spec, "", out);
        return out;
    }

    /** {@code prefix} names a nested spec's parameter in messages: {@code users.}. */
    private static void check(ParamSpec spec, String prefix, List<String> out) {
        Set<String> names = new HashSet<>();
        for (Param p : spec.params()) {
            String name = prefix + p.name();
            if (!names.add(p.name())) out.add("parameter '" + name + "' declared twice");
            for (String a : p.aliases()) if (!names.add(a)) out.add("alias '" + prefix + a + "' clashes with another parameter");
            param(p, name, out);
            if (p.options() != null) check(p.options(), name + ".", out);
        }
        List<List<String>> groups = new ArrayList<>(spec.exclusive());
        groups.addAll(spec.oneOf());
        for (List<String> g : groups) {
            for (String n : g) if (spec.find(n).isEmpty()) out.add("group names undeclared parameter '" + prefix + n + "'");
        }
        for (Rule r : spec.rules()) rule(spec, r, prefix, out);
    }

    private static void param(Param p, String name, List<String> out) {
        if (p.defaultValue() != null && !p.choices().isEmpty() && !p.choices().contains(String.valueOf(p.defaultValue()))) {
            out.add("default of '" + name + "' is not one of its choices " + p.choices());
        }
        try {
            List<String> nested = new ArrayList<>();
            Object d = p.defaultValue();
            Object c = d == null ? null : new Converter(new ParamBinder()).convert(p, d, "the default of '" + name + "'", nested);
            // a default reaches the module as declared: a mode "0644" would be a String where integer() casts
            if (c != null && SCALARS.contains(p.type()) && !c.equals(d)) {
                out.add("default of '" + name + "' is " + d.getClass().getSimpleName() + " '" + d + "': declare it as the "
                        + c.getClass().getSimpleName() + " a task's value becomes (" + (p.type() == Param.Type.MODE ? "0" + Integer.toOctalString((Integer) c) : c) + ")");
            }
            nested.forEach(out::add);
        } catch (IllegalArgumentException e) {
            out.add("default of '" + name + "' " + e.getMessage());
        }
        if (p.elements() != null && p.type() != Param.Type.LIST) out.add("'" + name + "' declares elements but is not a list");
        if (p.elements() == Param.Type.LIST) out.add("'" + name + "': elements of a list cannot be lists");
        boolean mapped = p.type() == Param.Type.MAP || (p.type() == Param.Type.LIST && p.elements() == Param.Type.MAP);
        if (p.options() != null && !mapped) out.add("'" + name + "' declares options but is neither a mapping nor a list of mappings");
        boolean text = p.type() == Param.Type.STRING || (p.type() == Param.Type.LIST && (p.elements() == null || p.elements() == Param.Type.STRING));
        if (p.checks().contains(Param.Check.SYMBOLIC_MODE) && p.type() != Param.Type.MODE) {
            out.add("'" + name + "' declares symbolic modes but is not a mode");
        }
        if (p.checks().stream().anyMatch(c -> c != Param.Check.SYMBOLIC_MODE) && !text) {
            out.add("'" + name + "' declares checks " + p.checks().stream().map(Param.Check::words).toList() + " but is not text or a list of text");
        }
    }

    /** A rule names declared parameters by canonical name, and a value its parameter can take. */
    private static void rule(ParamSpec spec, Rule r, String prefix, List<String> out) {
        String what = "rule '" + r.describe() + "'";
        for (String n : r.names()) {
            Optional<Param> p = spec.find(n);
            if (p.isEmpty()) out.add(what + " names undeclared parameter '" + prefix + n + "'");
            else if (!p.get().name().equals(n)) out.add(what + " names '" + n + "', an alias: name the parameter '" + p.get().name() + "'");
        }
        if (new HashSet<>(r.names()).size() < r.names().size()) out.add(what + " names a parameter twice");
        for (String n : r.names().subList(r instanceof Rule.RequiredTogether ? 0 : 1, r.names().size())) {
            if (spec.find(n).map(p -> p.defaultValue() != null).orElse(false)) {
                out.add(what + " names '" + prefix + n + "', which has a default and so is always given");
            }
        }
        if (r instanceof Rule.Refused rf) {
            if (spec.find(rf.param()).map(p -> p.defaultValue() != null).orElse(false)) out.add(what + " refuses '" + prefix + rf.param() + "', which has a default and so is always given");
            return;
        }
        if (r.names().size() < 2) out.add(what + " names no parameter to check");
        Object value = r instanceof Rule.RequiredIf ri ? ri.value() : r instanceof Rule.OnlyIf oi ? oi.value() : null;
        String param = r instanceof Rule.RequiredIf ri ? ri.param() : r instanceof Rule.OnlyIf oi ? oi.param() : null;
        if (param == null || spec.find(param).isEmpty()) return;
        Param p = spec.find(param).get();
        try {
            Object c = new Converter(new ParamBinder()).convert(p, value, what, new ArrayList<>());
            if (c == null || !String.valueOf(c).equals(String.valueOf(value))) out.add(what + ": '" + value + "' is not a value '" + p.name() + "' takes as written");
        } catch (IllegalArgumentException e) {
            out.add(what + ": the value of '" + p.name() + "' " + e.getMessage());
        }
    }
}
