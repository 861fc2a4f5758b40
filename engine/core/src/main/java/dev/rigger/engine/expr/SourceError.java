package dev.rigger.engine.expr;

/** A problem in expression source found before MVEL sees it; {@code offset} is 0-based into the source. */
final class SourceError extends RuntimeException {
    private final int offset;

    SourceError(String message, int offset) {
        super(message, null, false, false);
        this.offset = offset;
    }

    int offset() { return offset; }
}
