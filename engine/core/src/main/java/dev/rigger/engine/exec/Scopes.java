package dev.rigger.engine.exec;

import java.util.HashMap;
import java.util.Map;

/** A scope with one more variable on top, without rendering the lazy ones underneath. */
final class Scopes {
    private Scopes() {}

    static Map<String, Object> with(Map<String, Object> scope, String name, Object value) {
        Map<String, Object> s = new HashMap<>();
        s.put(name, value);
        return with(scope, s);
    }

    /** The scope with {@code added} on top. */
    static Map<String, Object> with(Map<String, Object> scope, Map<String, Object> added) {
        if (scope instanceof LazyVars lazy) return lazy.with(added);
        Map<String, Object> s = new HashMap<>(scope);
        s.putAll(added);
        return s;
    }
}
