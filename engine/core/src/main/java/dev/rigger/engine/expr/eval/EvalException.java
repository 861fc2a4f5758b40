package dev.rigger.engine.expr.eval;

/**
 * A failure while evaluating an expression or template, worded for the user ("'x' is undefined",
 * "cannot add 'str' and 'int'"). The evaluator records the offset of the innermost node it failed
 * in; the expression that owns the tree turns that into a file location.
 */
public class EvalException extends RuntimeException {
    private int offset = -1;

    public EvalException(String message) {
        super(message, null, false, false);
    }

    /** Where in the source text it failed, -1 when unknown. */
    public int offset() {
        return offset;
    }

    /** Records {@code at} unless an inner node already did. */
    public EvalException at(int at) {
        if (offset < 0) offset = at;
        return this;
    }
}
