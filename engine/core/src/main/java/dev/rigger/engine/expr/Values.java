package dev.rigger.engine.expr;

import java.util.Collection;
import java.util.Map;

/** Small helpers on scope values (plain Maps, Lists, Strings, Numbers, Booleans). */
final class Values {
    /** Scope values are trees; the limit only guards against an accidental cycle. */
    private static final int MAX_DEPTH = 64;

    private Values() {}

    /**
     * @throws UnknownValueException if {@code value} is or contains an {@link Unknown}
     * @throws dev.rigger.engine.expr.eval.EvalException if it is or contains an undefined value
     */
    static void requireNoUnknown(Object value) {
        requireNoUnknown(value, 0);
    }

    private static void requireNoUnknown(Object value, int depth) {
        if (value instanceof Unknown u) throw new UnknownValueException(u.reason());
        if (value instanceof dev.rigger.engine.expr.eval.Undefined u) throw u.fail();
        if (depth >= MAX_DEPTH) return;
        if (value instanceof Map<?, ?> m) m.values().forEach(v -> requireNoUnknown(v, depth + 1));
        else if (value instanceof Collection<?> c) c.forEach(v -> requireNoUnknown(v, depth + 1));
    }
}
