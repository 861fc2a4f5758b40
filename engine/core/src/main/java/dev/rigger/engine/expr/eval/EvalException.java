package dev.rigger.engine.expr.eval;

/**
 * A failure while evaluating an expression or template, worded for the user ("'x' is undefined",
 * "cannot add 'str' and 'int'"). Carries no location: the expression that owns the tree adds it.
 */
public class EvalException extends RuntimeException {
    public EvalException(String message) {
        super(message, null, false, false);
    }
}
