package dev.rigger.engine.expr.syntax;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jinja2's expression grammar, with its precedence (lowest first): inline {@code if/else}, {@code or},
 * {@code and}, {@code not}, comparisons and {@code in}, {@code + -}, {@code ~}, {@code * / // %},
 * {@code **}, unary {@code - +}, then primaries with {@code . [] ()} and {@code | filter} /
 * {@code is test}. Follows jinja2/parser.py (3.1) so that what parses in Ansible parses here.
 */
final class Parser {
    private static final Set<String> COMPARE_OPS = Set.of("==", "!=", "<", "<=", ">", ">=");
    /** Words that cannot start a test's single bare argument ({@code x is divisibleby 3}). */
    private static final Set<String> NOT_AN_ARGUMENT = Set.of("else", "or", "and", "if", "is", "in", "not");

    /** Nesting deeper than this is refused, so no input can exhaust the parser's (or the evaluator's) stack. */
    static final int MAX_DEPTH = 100;

    private final List<Tok> tokens;
    private int i;
    private int depth;

    private Parser(List<Tok> tokens) {
        this.tokens = tokens;
    }

    /** The whole of {@code src[from, to)} as one expression. */
    static Node expression(String src, int from, int to, boolean rawStrings) {
        Parser p = new Parser(Lexer.lex(src, from, to, rawStrings));
        Node n = p.parseExpression(true);
        p.expectEnd();
        return n;
    }

    /** A parser over tokens, for statements: the caller reads keywords and expressions in turn. */
    static Parser over(String src, int from, int to) {
        return new Parser(Lexer.lex(src, from, to, false));
    }

    // ---- the token stream, for statement parsing ----

    Tok peek() {
        return tokens.get(i);
    }

    Tok next() {
        Tok t = tokens.get(i);
        if (t.kind() != Tok.Kind.END) i++;
        return t;
    }

    boolean atEnd() {
        return peek().kind() == Tok.Kind.END;
    }

    void expectEnd() {
        Tok t = peek();
        if (t.isName("contains")) throw new SyntaxError("'contains' is not Jinja2: write 'x in list'", t.offset());
        if (t.kind() != Tok.Kind.END) throw new SyntaxError("unexpected " + describe(t) + " (expected the end of the expression)", t.offset());
    }

    Tok expectOp(String op) {
        Tok t = next();
        if (!t.is(op)) throw new SyntaxError("expected '" + op + "', got " + describe(t), t.offset());
        return t;
    }

    String expectName() {
        Tok t = next();
        if (t.kind() != Tok.Kind.NAME) throw new SyntaxError("expected a name, got " + describe(t), t.offset());
        return t.text();
    }

    boolean skipName(String name) {
        if (peek().isName(name)) {
            i++;
            return true;
        }
        return false;
    }

    boolean skipOp(String op) {
        if (peek().is(op)) {
            i++;
            return true;
        }
        return false;
    }

    static String describe(Tok t) {
        return switch (t.kind()) {
            case END -> "end of expression";
            case STRING -> "string";
            case NAME -> "name '" + t.text() + "'";
            default -> "'" + t.text() + "'";
        };
    }

    // ---- expressions ----

    Node parseExpression(boolean withCondexpr) {
        enter();
        try {
            return withCondexpr ? parseCondexpr() : parseOr();
        } finally {
            depth--;
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxError("expression nested more than " + MAX_DEPTH + " levels deep", peek().offset());
        }
    }

    private Node parseCondexpr() {
        Node expr = parseOr();
        while (peek().isName("if")) {
            int at = next().offset();
            Node test = parseOr();
            Node otherwise = skipName("else") ? parseCondexpr() : null;
            expr = new Node.Cond(test, expr, otherwise, at);
        }
        return expr;
    }

    private Node parseOr() {
        Node left = parseAnd();
        while (peek().isName("or")) {
            next();
            left = new Node.Binary("or", left, parseAnd(), left.offset());
        }
        return left;
    }

    private Node parseAnd() {
        Node left = parseNot();
        while (peek().isName("and")) {
            next();
            left = new Node.Binary("and", left, parseNot(), left.offset());
        }
        return left;
    }

    private Node parseNot() {
        if (peek().isName("not")) {
            int at = next().offset();
            enter();
            try {
                return new Node.Unary("not", parseNot(), at);
            } finally {
                depth--;
            }
        }
        return parseCompare();
    }

    private Node parseCompare() {
        Node first = parseMath1();
        List<String> ops = new ArrayList<>();
        List<Node> rest = new ArrayList<>();
        while (true) {
            Tok t = peek();
            if (t.kind() == Tok.Kind.OP && COMPARE_OPS.contains(t.text())) {
                next();
                ops.add(t.text());
            } else if (t.isName("in")) {
                next();
                ops.add("in");
            } else if (t.isName("not") && tokens.get(i + 1).isName("in")) {
                i += 2;
                ops.add("notin");
            } else {
                break;
            }
            rest.add(parseMath1());
        }
        return ops.isEmpty() ? first : new Node.Compare(first, ops, rest, first.offset());
    }

    private Node parseMath1() {
        Node left = parseConcat();
        while (peek().is("+") || peek().is("-")) {
            Tok op = next();
            left = new Node.Binary(op.text(), left, parseConcat(), left.offset());
        }
        return left;
    }

    private Node parseConcat() {
        Node left = parseMath2();
        while (peek().is("~")) {
            Tok op = next();
            left = new Node.Binary("~", left, parseMath2(), left.offset());
        }
        return left;
    }

    private Node parseMath2() {
        Node left = parsePow();
        while (peek().is("*") || peek().is("/") || peek().is("//") || peek().is("%")) {
            Tok op = next();
            left = new Node.Binary(op.text(), left, parsePow(), left.offset());
        }
        return left;
    }

    private Node parsePow() {
        Node left = parseUnary(true);
        while (peek().is("**")) {
            Tok op = next();
            left = new Node.Binary("**", left, parseUnary(true), left.offset());
        }
        return left;
    }

    private Node parseUnary(boolean withFilter) {
        Tok t = peek();
        Node node;
        if (t.is("-") || t.is("+")) {
            next();
            enter();
            try {
                node = new Node.Unary(t.text(), parseUnary(false), t.offset());
            } finally {
                depth--;
            }
        } else {
            node = parsePrimary();
        }
        node = parsePostfix(node);
        return withFilter ? parseFilterExpr(node) : node;
    }

    private Node parsePrimary() {
        Tok t = next();
        switch (t.kind()) {
            case NAME -> {
                return switch (t.text()) {
                    case "true", "True" -> new Node.Literal(Boolean.TRUE, t.offset());
                    case "false", "False" -> new Node.Literal(Boolean.FALSE, t.offset());
                    case "none", "None" -> new Node.Literal(null, t.offset());
                    default -> new Node.Name(t.text(), t.offset());
                };
            }
            case STRING -> {
                StringBuilder sb = new StringBuilder((String) t.value());
                while (peek().kind() == Tok.Kind.STRING) sb.append((String) next().value());
                return new Node.Literal(sb.toString(), t.offset());
            }
            case INT, FLOAT -> {
                return new Node.Literal(t.value(), t.offset());
            }
            case OP -> {
                if (t.is("(")) return parseTuple(t.offset());
                if (t.is("[")) return parseList(t.offset());
                if (t.is("{")) return parseDict(t.offset());
            }
            default -> { }
        }
        throw new SyntaxError("unexpected " + describe(t), t.offset());
    }

    /** {@code (x)} is x; {@code (a, b)} and {@code ()} are tuples, which Rigger keeps as lists. */
    private Node parseTuple(int at) {
        if (skipOp(")")) return new Node.ListLit(List.of(), at);
        Node first = parseExpression(true);
        if (skipOp(")")) return first;
        List<Node> items = new ArrayList<>(List.of(first));
        while (skipOp(",")) {
            if (peek().is(")")) break;
            items.add(parseExpression(true));
        }
        expectOp(")");
        return new Node.ListLit(items, at);
    }

    private Node parseList(int at) {
        List<Node> items = new ArrayList<>();
        while (!peek().is("]")) {
            if (!items.isEmpty()) {
                expectOp(",");
                if (peek().is("]")) break;
            }
            items.add(parseExpression(true));
        }
        expectOp("]");
        return new Node.ListLit(items, at);
    }

    private Node parseDict(int at) {
        List<Node> keys = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        while (!peek().is("}")) {
            if (!keys.isEmpty()) {
                expectOp(",");
                if (peek().is("}")) break;
            }
            keys.add(parseExpression(true));
            expectOp(":");
            values.add(parseExpression(true));
        }
        expectOp("}");
        return new Node.DictLit(keys, values, at);
    }

    private Node parsePostfix(Node node) {
        while (true) {
            Tok t = peek();
            if (t.is(".") || t.is("[")) node = parseSubscript(node);
            else if (t.is("(")) node = parseCall(node);
            else return node;
        }
    }

    private Node parseFilterExpr(Node node) {
        while (true) {
            Tok t = peek();
            if (t.is("|")) node = parseFilter(node);
            else if (t.isName("is")) node = parseTest(node);
            else if (t.is("(")) node = parseCall(node);
            else return node;
        }
    }

    private Node parseSubscript(Node node) {
        Tok t = next();
        if (t.is(".")) {
            Tok attr = next();
            if (attr.kind() == Tok.Kind.NAME) return new Node.Getattr(node, attr.text(), node.offset());
            if (attr.kind() == Tok.Kind.INT) return new Node.Getitem(node, new Node.Literal(attr.value(), attr.offset()), node.offset());
            throw new SyntaxError("expected a name after '.', got " + describe(attr), attr.offset());
        }
        // '[': an index or a slice
        Node start = null;
        if (!peek().is(":")) {
            start = parseExpression(true);
            if (skipOp("]")) return new Node.Getitem(node, start, node.offset());
        }
        expectOp(":");
        Node stop = peek().is("]") || peek().is(":") ? null : parseExpression(true);
        Node step = null;
        if (skipOp(":") && !peek().is("]")) step = parseExpression(true);
        expectOp("]");
        return new Node.Slice(node, start, stop, step, t.offset());
    }

    private record CallArgs(List<Node> args, Map<String, Node> kwargs) {}

    private CallArgs parseArgs() {
        expectOp("(");
        List<Node> args = new ArrayList<>();
        Map<String, Node> kwargs = new LinkedHashMap<>();
        while (!peek().is(")")) {
            if (!args.isEmpty() || !kwargs.isEmpty()) {
                expectOp(",");
                if (peek().is(")")) break;
            }
            Tok t = peek();
            if (t.is("*") || t.is("**")) {
                throw new SyntaxError("'" + t.text() + "' argument unpacking is not supported", t.offset());
            }
            if (t.kind() == Tok.Kind.NAME && tokens.get(i + 1).is("=")) {
                i += 2;
                if (kwargs.put(t.text(), parseExpression(true)) != null) {
                    throw new SyntaxError("keyword argument '" + t.text() + "' repeated", t.offset());
                }
            } else {
                if (!kwargs.isEmpty()) throw new SyntaxError("positional argument after a keyword argument", t.offset());
                args.add(parseExpression(true));
            }
        }
        expectOp(")");
        return new CallArgs(args, kwargs);
    }

    private Node parseCall(Node callee) {
        int at = peek().offset();
        CallArgs a = parseArgs();
        return new Node.Call(callee, a.args(), a.kwargs(), at);
    }

    /** Filter names may be dotted: {@code ansible.builtin.to_json}. */
    private String dottedName() {
        StringBuilder name = new StringBuilder(expectName());
        while (peek().is(".") && tokens.get(i + 1).kind() == Tok.Kind.NAME) {
            i++;
            name.append('.').append(next().text());
        }
        return name.toString();
    }

    private Node parseFilter(Node input) {
        Tok bar = expectOp("|");
        int at = peek().offset();
        String name = dottedName();
        CallArgs a = peek().is("(") ? parseArgs() : new CallArgs(List.of(), Map.of());
        return new Node.Filter(input, name, a.args(), a.kwargs(), at < 0 ? bar.offset() : at);
    }

    private Node parseTest(Node subject) {
        next(); // is
        boolean negated = skipName("not");
        int at = peek().offset();
        String name = dottedName();
        if (peek().is("(")) {
            CallArgs a = parseArgs();
            return new Node.Test(subject, name, a.args(), a.kwargs(), negated, at);
        }
        Tok t = peek();
        boolean bareArgument = switch (t.kind()) {
            case NAME -> !NOT_AN_ARGUMENT.contains(t.text());
            case STRING, INT, FLOAT -> true;
            case OP -> t.is("[") || t.is("{") || t.is("(") || t.is("-");
            default -> false;
        };
        if (t.isName("is")) throw new SyntaxError("tests cannot be chained with 'is'", t.offset());
        List<Node> args = List.of();
        if (bareArgument && !t.is("-")) args = List.of(parsePostfix(parsePrimary()));
        return new Node.Test(subject, name, args, Map.of(), negated, at);
    }
}
