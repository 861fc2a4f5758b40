package dev.rigger.engine.expr.syntax;

/** A token of an expression; {@code offset} is where it starts in the template or expression text. */
record Tok(Kind kind, String text, Object value, int offset) {
    enum Kind { NAME, STRING, INT, FLOAT, OP, END }

    boolean is(String op) {
        return kind == Kind.OP && text.equals(op);
    }

    boolean isName(String name) {
        return kind == Kind.NAME && text.equals(name);
    }
}
