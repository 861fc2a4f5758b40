package dev.rigger.engine.expr.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * The variables an evaluation sees: the run's scope, under the template's own {@code set} and
 * {@code for} names. A frame is cheap: a loop body gets one per item.
 */
public final class Scope {
    /** Returned by {@link #lookup} for a name nobody defined (null is Python's None). */
    public static final Object MISSING = new Object();

    private final Map<String, Object> vars;
    private final Scope parent;
    private Map<String, Object> locals;

    private Scope(Map<String, Object> vars, Scope parent) {
        this.vars = vars;
        this.parent = parent;
    }

    public static Scope of(Map<String, Object> vars) {
        return new Scope(vars, null);
    }

    public Scope child() {
        return new Scope(vars, this);
    }

    public void set(String name, Object value) {
        if (locals == null) locals = new HashMap<>(4);
        locals.put(name, value);
    }

    public Object lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.locals != null && s.locals.containsKey(name)) return s.locals.get(name);
        }
        return vars.containsKey(name) ? vars.get(name) : MISSING;
    }

    /** The run's variables (for {@code lookup('vars', ...)}). */
    public Map<String, Object> vars() {
        return vars;
    }
}
