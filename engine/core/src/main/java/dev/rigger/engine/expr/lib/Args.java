package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a filter, test, method or function call, as written: {@code x | f(1, b=2)}
 * gives positional [1] and named {b: 2} (the input is passed apart). Values follow the model of
 * {@link dev.rigger.engine.expr.eval.Py}.
 */
public record Args(List<Object> positional, Map<String, Object> named) {
    public static final Args NONE = new Args(List.of(), Map.of());

    public static Args of(Object... positional) {
        return new Args(java.util.Arrays.asList(positional), Map.of());
    }

    /** The argument at {@code index} or named {@code name}, else {@code fallback}. */
    public Object get(int index, String name, Object fallback) {
        if (name != null && named.containsKey(name)) return named.get(name);
        return index < positional.size() ? positional.get(index) : fallback;
    }

    public boolean has(int index, String name) {
        return (name != null && named.containsKey(name)) || index < positional.size();
    }

    public int size() {
        return positional.size() + named.size();
    }

    /** @throws EvalException when more positional arguments were given than {@code max} */
    public Args atMost(String what, int max) {
        if (positional.size() > max) {
            throw new EvalException(what + " takes at most " + max + " argument" + (max == 1 ? "" : "s")
                    + ", " + positional.size() + " given");
        }
        return this;
    }
}
