package dev.rigger.engine.expr.syntax;

/** A parse or load-time check error at an offset into the text that was parsed. */
public final class SyntaxError extends RuntimeException {
    private final int offset;

    public SyntaxError(String message, int offset) {
        super(message, null, false, false);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
