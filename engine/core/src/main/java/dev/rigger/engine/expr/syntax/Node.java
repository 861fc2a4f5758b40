package dev.rigger.engine.expr.syntax;

import java.util.List;
import java.util.Map;

/**
 * The tree of a Jinja2 expression. Every node records {@code offset}, where it starts in the text
 * it was parsed from, for errors. Nothing else ever reaches the evaluator: what is not a node
 * here does not exist for an expression.
 */
public sealed interface Node {
    int offset();

    record Literal(Object value, int offset) implements Node {}

    record Name(String name, int offset) implements Node {}

    /** {@code obj.attr}: a key of a mapping (or an item for a numeric attr: {@code x.0}). */
    record Getattr(Node obj, String attr, int offset) implements Node {}

    /** {@code obj[key]}. */
    record Getitem(Node obj, Node key, int offset) implements Node {}

    /** {@code obj[start:stop:step]}, each part may be null. */
    record Slice(Node obj, Node start, Node stop, Node step, int offset) implements Node {}

    /** {@code [a, b]}, or a tuple {@code (a, b)} (a list in Rigger: Python's tuple is read-only list data). */
    record ListLit(List<Node> items, int offset) implements Node {}

    record DictLit(List<Node> keys, List<Node> values, int offset) implements Node {}

    /** {@code not x}, {@code -x}, {@code +x}. */
    record Unary(String op, Node operand, int offset) implements Node {}

    /** Arithmetic {@code + - * / // % **}, concatenation {@code ~}, and the short-circuit {@code and}/{@code or}. */
    record Binary(String op, Node left, Node right, int offset) implements Node {}

    /** A chain {@code a < b <= c}; ops are {@code == != < <= > >= in notin}. */
    record Compare(Node first, List<String> ops, List<Node> rest, int offset) implements Node {}

    /** {@code then if test else otherwise}; {@code otherwise} null gives undefined, as in Jinja2. */
    record Cond(Node test, Node then, Node otherwise, int offset) implements Node {}

    /** {@code input | name(args)}. */
    record Filter(Node input, String name, List<Node> args, Map<String, Node> kwargs, int offset) implements Node {}

    /** {@code subject is [not] name(args)}. */
    record Test(Node subject, String name, List<Node> args, Map<String, Node> kwargs, boolean negated, int offset)
            implements Node {}

    /** {@code callee(args)}: a global function ({@code range}, {@code lookup}) or a method ({@code s.split(',')}). */
    record Call(Node callee, List<Node> args, Map<String, Node> kwargs, int offset) implements Node {}
}
