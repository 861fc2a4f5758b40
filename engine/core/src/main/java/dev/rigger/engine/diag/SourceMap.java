package dev.rigger.engine.diag;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where a template-bearing string value was read (a vars file, group_vars, an inventory line),
 * so that an expression error in it names that file, line and column although variables travel
 * as plain values. Keyed by the string instance, not its text: two files holding the same text
 * keep their own places. Readers note values as they make them; the compiler asks.
 */
public final class SourceMap {
    /** A bound so that a pathological input cannot grow it without end; later values fall back to the caller's location. */
    private static final int MAX = 200_000;
    private static final Map<String, Location> WHERE = Collections.synchronizedMap(new IdentityHashMap<>());

    private SourceMap() {}

    /** Notes where {@code value} was read if it may be a template; returns it. */
    public static String note(String value, Location at) {
        if (value != null && at != null && at != Location.NONE && mayBeTemplate(value) && WHERE.size() < MAX) {
            WHERE.put(value, at);
        }
        return value;
    }

    /** Where {@code value} was read, or {@code fallback}. */
    public static Location of(String value, Location fallback) {
        Location at = WHERE.get(value);
        return at != null ? at : fallback;
    }

    private static boolean mayBeTemplate(String s) {
        return s.contains("{{") || s.contains("{%") || s.contains("{#");
    }
}
