package dev.rigger.engine.expr.lib;

/** A global function: {@code range(3)}, {@code lookup('env', 'HOME')}, {@code dict(a=1)}. */
@FunctionalInterface
public interface Function {
    Object call(Args args, Context ctx);
}
