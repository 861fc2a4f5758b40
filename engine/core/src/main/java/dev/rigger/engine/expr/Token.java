package dev.rigger.engine.expr;

/** One lexical token of an expression; {@code offset} is 0-based into the source. */
record Token(Kind kind, String text, int offset) {

    enum Kind { IDENT, NUMBER, STRING, OP }

    boolean is(String op) { return kind == Kind.OP && text.equals(op); }

    boolean isIdent() { return kind == Kind.IDENT; }

    int end() { return offset + text.length(); }
}
