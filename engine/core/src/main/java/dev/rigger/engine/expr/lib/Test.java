package dev.rigger.engine.expr.lib;

/** A Jinja2/Ansible test: {@code value is name(args)}. */
@FunctionalInterface
public interface Test {
    boolean test(Object value, Args args, Context ctx);
}
