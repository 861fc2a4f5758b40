package dev.rigger.engine.expr;

import java.util.Collection;
import java.util.Map;

/** Small helpers on scope values (plain Maps, Lists, Strings, Numbers, Booleans). */
final class Values {
    /** Scope values are trees; the limit only guards against an accidental cycle. */
    private static final int MAX_DEPTH = 64;

    private Values() {}

    /** @throws UnknownValueException if {@code value} is or contains an {@link Unknown} */
    static void requireNoUnknown(Object value) {
        requireNoUnknown(value, 0);
    }

    private static void requireNoUnknown(Object value, int depth) {
        if (value instanceof Unknown u) throw new UnknownValueException(u.reason());
        if (depth >= MAX_DEPTH) return;
        if (value instanceof Map<?, ?> m) m.values().forEach(v -> requireNoUnknown(v, depth + 1));
        else if (value instanceof Collection<?> c) c.forEach(v -> requireNoUnknown(v, depth + 1));
    }

    /** A short rendering for messages: strings quoted, long values cut. */
    static String describe(Object value) {
        String s = value instanceof String str ? "'" + str + "'" : String.valueOf(value);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
