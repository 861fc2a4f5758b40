package dev.rigger.engine.expr.lib;

/** A Jinja2/Ansible filter: {@code input | name(args)}. */
@FunctionalInterface
public interface Filter {
    /** @throws dev.rigger.engine.expr.eval.EvalException with a message in the user's terms */
    Object apply(Object input, Args args, Context ctx);
}
