package dev.rigger.engine.expr.eval;

/**
 * A value placed in the scope that an expression must not compute with (a result not known yet
 * in check mode). Reading it ends the evaluation with the exception it gives.
 */
public interface Opaque {
    RuntimeException onRead();
}
