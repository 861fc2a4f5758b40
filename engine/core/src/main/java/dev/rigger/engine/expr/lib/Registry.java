package dev.rigger.engine.expr.lib;

import java.util.HashMap;
import java.util.Map;

/** What the families register into while {@link Library} is built; read-only afterwards. */
final class Registry {
    final Map<String, Filter> filters = new HashMap<>();
    final Map<String, Test> tests = new HashMap<>();
    final Map<String, Function> functions = new HashMap<>();

    void filter(Filter f, String... names) {
        for (String n : names) put(filters, n, f);
    }

    void test(Test t, String... names) {
        for (String n : names) put(tests, n, t);
    }

    void function(Function f, String... names) {
        for (String n : names) put(functions, n, f);
    }

    private static <T> void put(Map<String, T> map, String name, T value) {
        if (map.putIfAbsent(name, value) != null) throw new IllegalStateException("registered twice: " + name);
    }
}
