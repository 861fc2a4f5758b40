package dev.rigger.engine.expr.syntax;

import java.util.List;

/** The statements of a Jinja2 template: text, {@code {{ }}} output, if, for and set. */
public sealed interface Stmt {
    int offset();

    record Text(String text, int offset) implements Stmt {}

    record Output(Node expr, int offset) implements Stmt {}

    /** {@code if}/{@code elif} tests with their bodies, then the {@code else} body (empty when none). */
    record If(List<Node> tests, List<List<Stmt>> bodies, List<Stmt> otherwise, int offset) implements Stmt {}

    /** {@code for a, b in iter if filter}: body per item, {@code otherwise} when no item passed. */
    record For(List<String> targets, Node iter, Node filter, List<Stmt> body, List<Stmt> otherwise, int offset)
            implements Stmt {}

    /** {@code set a, b = value}. */
    record Set(List<String> targets, Node value, int offset) implements Stmt {}

    /** {@code macro name(a, b=1)}: a template function; params and their defaults (null: none). */
    record Macro(String name, List<String> params, List<Node> defaults, List<Stmt> body, int offset) implements Stmt {}

    /** {@code set name %}...{% endset}: the rendered body as a string. */
    record SetBlock(String target, List<Stmt> body, int offset) implements Stmt {}
}
