package dev.rigger.engine.module;

import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What makes a module unusable before any playbook calls it: a bad name or an inconsistent spec. */
final class SpecCheck {
    private SpecCheck() { }

    static List<String> problems(Module m) {
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
        Set<String> names = new HashSet<>();
        for (Param p : spec.params()) {
            if (!names.add(p.name())) out.add("parameter '" + p.name() + "' declared twice");
            for (String a : p.aliases()) if (!names.add(a)) out.add("alias '" + a + "' clashes with another parameter");
            if (p.defaultValue() != null && !p.choices().isEmpty() && !p.choices().contains(String.valueOf(p.defaultValue()))) {
                out.add("default of '" + p.name() + "' is not one of its choices " + p.choices());
            }
            try {
                if (p.defaultValue() != null) ParamBinder.convert(p, p.defaultValue());
            } catch (IllegalArgumentException e) {
                out.add("default of '" + p.name() + "' " + e.getMessage());
            }
        }
        List<List<String>> groups = new ArrayList<>(spec.exclusive());
        groups.addAll(spec.oneOf());
        for (List<String> g : groups) {
            for (String n : g) if (spec.find(n).isEmpty()) out.add("group names undeclared parameter '" + n + "'");
        }
        return out;
    }
}
