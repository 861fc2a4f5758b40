package dev.rigger.engine.expr.eval;

/**
 * A name or key that has no value, as Ansible's chainable undefined: reading an attribute or an
 * index of it gives the same undefined back (so {@code a.b.c | default(1)} works when {@code a} is
 * missing), {@code default}, {@code mandatory} and the {@code defined}/{@code undefined} tests accept
 * it, and any other use fails with {@link #message()}.
 *
 * <p>{@code lenient}: Jinja2's plain undefined, which an inline {@code if} without {@code else}
 * gives: it renders as "" and is false, as in Ansible.
 */
public record Undefined(String message, boolean lenient) {
    public Undefined(String message) {
        this(message, false);
    }

    public static Undefined name(String name) {
        return new Undefined("'" + name + "' is undefined");
    }

    public static Undefined attribute(Object owner, Object key) {
        return new Undefined("'" + Py.typeName(owner) + " object' has no attribute '" + Py.str(key) + "'");
    }

    public EvalException fail() {
        return new EvalException(message);
    }
}
