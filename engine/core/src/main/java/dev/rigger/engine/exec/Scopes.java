package dev.rigger.engine.exec;

import java.util.HashMap;
import java.util.Map;

/** A scope with one more variable on top, without rendering the lazy ones underneath. */
final class Scopes {
    private Scopes() {}

    static Map<String, Object> with(Map<String, Object> scope, String name, Object value) {
        Map<String, Object> s = new HashMap<>();
        s.put(name, value);
        if (scope instanceof LazyVars lazy) return lazy.with(s);
        s.putAll(scope);
        s.put(name, value);
        return s;
    }
}
