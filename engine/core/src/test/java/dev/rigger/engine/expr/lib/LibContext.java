package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.Budget;
import dev.rigger.engine.expr.eval.EvalException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Context for the library's tests: filters and tests by name from the standard library. */
final class LibContext implements Context {
    final Budget budget;
    final Map<String, Object> variables = new LinkedHashMap<>();
    Path baseDir;
    java.util.List<Path> searchPath = java.util.List.of();
    boolean pipeAllowed;

    LibContext() {
        this(Budget.standard());
    }

    LibContext(Budget budget) {
        this.budget = budget;
    }

    @Override
    public Budget budget() {
        return budget;
    }

    @Override
    public Object filter(String name, Object input, Args args) {
        Filter f = Library.standard().filter(name);
        if (f == null) throw new EvalException("no filter named '" + name + "'");
        return f.apply(input, args, this);
    }

    @Override
    public boolean test(String name, Object value, Args args) {
        Test t = Library.standard().test(name);
        if (t == null) throw new EvalException("no test named '" + name + "'");
        return t.test(value, args, this);
    }

    @Override
    public Map<String, Object> variables() {
        return variables;
    }

    @Override
    public Path baseDir() {
        return baseDir;
    }

    @Override
    public String renderTemplate(String text, String sourceName) {
        String out = text;
        for (Map.Entry<String, Object> e : variables.entrySet()) {
            out = out.replace("{{ " + e.getKey() + " }}", String.valueOf(e.getValue()));
        }
        return out;
    }

    @Override
    public boolean pipeAllowed() {
        return pipeAllowed;
    }

    @Override
    public java.util.List<Path> searchPath() {
        return searchPath;
    }
}
