package dev.rigger.engine.expr.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Jinja2 template text to statements, with Ansible's settings: {@code trim_blocks} on (the first
 * newline after a block or comment tag is dropped), {@code lstrip_blocks} off, whitespace control
 * with {@code -} and {@code +}, {@code {# #}} comments, {@code {% raw %}}. Statements supported:
 * if/elif/else, for (with else, an inline if, tuple targets), set and block set. Anything else
 * (macro, include, extends, call...) is refused with its location, never passed through as text.
 */
public final class TemplateParser {
    private static final Set<String> UNSUPPORTED = Set.of("call", "include", "import", "from", "extends",
            "filter", "with", "autoescape", "do", "break", "continue", "trans");
    /** Ansible's JINJA2_OVERRIDE: a first line {@code #jinja2: trim_blocks: False, lstrip_blocks: True}. */
    private static final String OVERRIDE = "#jinja2:";

    private final String src;
    private final boolean rawStrings;
    private boolean trimBlocks = true;
    private boolean lstripBlocks;
    /** Where the template proper starts: after an override line. */
    private int start;
    private final List<Piece> pieces = new ArrayList<>();
    private int p;
    private int depth;

    /** A scanned piece: literal text, {@code {{ expr }}} or a {@code {% tag %}}. */
    private sealed interface Piece permits Data, Var, Tag {}

    private record Data(StringBuilder text, int offset) implements Piece {}

    private record Var(int from, int to, int offset) implements Piece {}

    private record Tag(String keyword, int from, int to, int offset) implements Piece {}

    private TemplateParser(String src, boolean rawStrings) {
        this.src = src;
        this.rawStrings = rawStrings;
    }

    /**
     * @param rawStrings true for a task's values: Ansible doubles backslashes in string literals
     *                   inside {@code {{ }}}, so they keep what was written; false for template files
     */
    public static List<Stmt> parse(String text, boolean rawStrings) {
        TemplateParser tp = new TemplateParser(text, rawStrings);
        tp.overrides();
        tp.scan();
        List<Stmt> body = tp.body(Set.of());
        if (tp.p < tp.pieces.size()) {
            Tag t = (Tag) tp.pieces.get(tp.p);
            throw new SyntaxError("unexpected '{% " + t.keyword() + " %}'", t.offset());
        }
        return body;
    }

    /** One expression, as written in {@code when:} or inside {@code {{ }}}. */
    public static Node expression(String text) {
        return Parser.expression(text, 0, text.length(), false);
    }

    /** True when the text has no {{, {% or {#: Ansible does not template it at all. */
    public static boolean isPossiblyTemplate(String text) {
        return text.contains("{{") || text.contains("{%") || text.contains("{#");
    }

    // ---- scanning ----

    /** Reads and removes Ansible's {@code #jinja2:} first line; only whitespace settings can change. */
    private void overrides() {
        if (!src.startsWith(OVERRIDE)) return;
        int eol = src.indexOf('\n');
        String line = src.substring(OVERRIDE.length(), eol < 0 ? src.length() : eol);
        for (String pair : line.split(",")) {
            int colon = pair.indexOf(':');
            if (colon < 0) throw new SyntaxError("failed to parse jinja2 override '" + pair.strip() + "': expected key:value", 0);
            String key = pair.substring(0, colon).strip();
            String value = pair.substring(colon + 1).strip();
            boolean on = switch (value) {
                case "True", "true" -> true;
                case "False", "false" -> false;
                default -> throw new SyntaxError("jinja2 override '" + key + "' takes True or False, got '" + value + "'", 0);
            };
            switch (key) {
                case "trim_blocks" -> trimBlocks = on;
                case "lstrip_blocks" -> lstripBlocks = on;
                case "keep_trailing_newline" -> { } // Ansible keeps trailing newlines either way
                default -> throw new SyntaxError("jinja2 override '" + key + "' is not supported (only trim_blocks, lstrip_blocks, "
                        + "keep_trailing_newline)", 0);
            }
        }
        start = eol < 0 ? src.length() : eol + 1;
    }

    private void scan() {
        int pos = start;
        boolean lstripNext = false;
        boolean trimNewline = false;
        while (pos <= src.length()) {
            int open = nextOpen(pos);
            int dataEnd = open < 0 ? src.length() : open;
            String data = src.substring(pos, dataEnd);
            if (lstripNext) data = stripLeading(data);
            else if (trimNewline && data.startsWith("\n")) data = data.substring(1);
            else if (trimNewline && data.startsWith("\r\n")) data = data.substring(2);
            boolean lineStart = pos == start || src.charAt(pos - 1) == '\n' || (trimNewline && src.startsWith("\n", pos));
            lstripNext = false;
            trimNewline = false;
            if (open < 0) {
                addData(data, pos);
                return;
            }
            char kind = src.charAt(open + 1);
            int inner = open + 2;
            if (inner < src.length() && src.charAt(inner) == '-') {
                data = data.stripTrailing();
                inner++;
            } else if (inner < src.length() && src.charAt(inner) == '+') {
                inner++;
            } else if (lstripBlocks && kind != '{') {
                data = lstrip(data, lineStart);
            }
            addData(data, pos);
            if (kind == '#') {
                int close = src.indexOf("#}", inner);
                if (close < 0) throw new SyntaxError("'{#' comment is never closed with '#}'", open);
                lstripNext = close > inner && src.charAt(close - 1) == '-';
                trimNewline = trimBlocks && !(close > inner && src.charAt(close - 1) == '+');
                pos = close + 2;
                continue;
            }
            String closer = kind == '{' ? "}}" : "%}";
            int close = findClose(inner, closer, open);
            int innerEnd = close;
            boolean minus = close > inner && src.charAt(close - 1) == '-';
            boolean plus = close > inner && src.charAt(close - 1) == '+' && kind == '%';
            if (minus || plus) innerEnd--;
            pos = close + 2;
            lstripNext = minus;
            if (kind == '{') {
                if (src.substring(inner, innerEnd).isBlank()) throw new SyntaxError("empty '{{ }}'", open);
                pieces.add(new Var(inner, innerEnd, open));
                continue;
            }
            trimNewline = trimBlocks && !minus && !plus;
            String keyword = firstWord(inner, innerEnd, open);
            if (keyword.equals("raw")) {
                pos = raw(pos, open, lstripNext, trimNewline);
                lstripNext = rawLstrip;
                trimNewline = rawTrim;
                continue;
            }
            pieces.add(new Tag(keyword, inner, innerEnd, open));
        }
    }

    private boolean rawLstrip;
    private boolean rawTrim;

    /** {@code {% raw %}...{% endraw %}}: the text between, as is. Returns where scanning goes on. */
    private int raw(int pos, int open, boolean lstrip, boolean trim) {
        int search = pos;
        while (true) {
            int tag = src.indexOf("{%", search);
            if (tag < 0) throw new SyntaxError("'{% raw %}' is never closed with '{% endraw %}'", open);
            int k = tag + 2;
            boolean minusBefore = k < src.length() && src.charAt(k) == '-';
            if (minusBefore || (k < src.length() && src.charAt(k) == '+')) k++;
            while (k < src.length() && Character.isWhitespace(src.charAt(k))) k++;
            if (src.startsWith("endraw", k)) {
                int e = k + 6;
                while (e < src.length() && Character.isWhitespace(src.charAt(e))) e++;
                boolean minusAfter = src.startsWith("-%}", e);
                boolean plusAfter = src.startsWith("+%}", e);
                if (minusAfter || plusAfter) e++;
                if (src.startsWith("%}", e)) {
                    String text = src.substring(pos, tag);
                    if (lstrip) text = stripLeading(text);
                    else if (trim && text.startsWith("\n")) text = text.substring(1);
                    if (minusBefore) text = text.stripTrailing();
                    addData(text, pos);
                    rawLstrip = minusAfter;
                    rawTrim = !minusAfter && !plusAfter;
                    return e + 2;
                }
            }
            search = tag + 2;
        }
    }

    /** lstrip_blocks: the spaces and tabs between a line's start and a block tag go. */
    private static String lstrip(String data, boolean lineStart) {
        int nl = data.lastIndexOf('\n');
        if (nl < 0 && !lineStart) return data;
        for (int k = nl + 1; k < data.length(); k++) {
            char c = data.charAt(k);
            if (c != ' ' && c != '\t') return data;
        }
        return data.substring(0, nl + 1);
    }

    private void addData(String text, int offset) {
        if (text.isEmpty()) return;
        if (!pieces.isEmpty() && pieces.get(pieces.size() - 1) instanceof Data d) d.text().append(text);
        else pieces.add(new Data(new StringBuilder(text), offset));
    }

    private static String stripLeading(String s) {
        int k = 0;
        while (k < s.length() && Character.isWhitespace(s.charAt(k))) k++;
        return s.substring(k);
    }

    private int nextOpen(int from) {
        for (int k = src.indexOf('{', from); k >= 0 && k + 1 < src.length(); k = src.indexOf('{', k + 1)) {
            char c = src.charAt(k + 1);
            if (c == '{' || c == '%' || c == '#') return k;
        }
        return -1;
    }

    /** The closer outside string literals and brackets, so {@code {{ {'a': '}}'} }}} works. */
    private int findClose(int from, String closer, int open) {
        int depth = 0;
        char quote = 0;
        for (int k = from; k < src.length(); k++) {
            char c = src.charAt(k);
            if (quote != 0) {
                if (c == '\\') k++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (depth == 0 && src.startsWith(closer, k)) {
                return k;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        String what = closer.equals("}}") ? "'{{' is never closed with '}}'" : "'{%' is never closed with '%}'";
        throw new SyntaxError(quote != 0 ? "unterminated string inside " + what.substring(0, 4) : what, open);
    }

    private String firstWord(int from, int to, int open) {
        int k = from;
        while (k < to && Character.isWhitespace(src.charAt(k))) k++;
        int start = k;
        while (k < to && (Character.isLetterOrDigit(src.charAt(k)) || src.charAt(k) == '_')) k++;
        if (k == start) throw new SyntaxError("a '{% %}' tag must start with a statement name", open);
        return src.substring(start, k);
    }

    // ---- statements ----

    /** Statements until a tag whose keyword is in {@code ends} (left unconsumed) or the end. */
    private List<Stmt> body(Set<String> ends) {
        if (++depth > Parser.MAX_DEPTH) {
            throw new SyntaxError("statements nested more than " + Parser.MAX_DEPTH + " levels deep",
                    p < pieces.size() && pieces.get(p) instanceof Tag t ? t.offset() : 0);
        }
        try {
            return bodyNested(ends);
        } finally {
            depth--;
        }
    }

    private List<Stmt> bodyNested(Set<String> ends) {
        List<Stmt> out = new ArrayList<>();
        while (p < pieces.size()) {
            Piece piece = pieces.get(p);
            if (piece instanceof Data d) {
                out.add(new Stmt.Text(d.text().toString(), d.offset()));
                p++;
            } else if (piece instanceof Var v) {
                out.add(new Stmt.Output(Parser.expression(src, v.from(), v.to(), rawStrings), v.offset()));
                p++;
            } else {
                Tag t = (Tag) piece;
                if (ends.contains(t.keyword())) return out;
                p++;
                if (t.keyword().equals("block")) out.addAll(block(t));
                else out.add(statement(t));
            }
        }
        if (!ends.isEmpty()) {
            throw new SyntaxError("unexpected end of template, expected '{% " + String.join(" %}' or '{% ", ends.stream().sorted().toList()) + " %}'",
                    src.length());
        }
        return out;
    }

    private Parser tagParser(Tag t) {
        Parser parser = Parser.over(src, t.from(), t.to());
        parser.next(); // the keyword
        return parser;
    }

    private Stmt statement(Tag t) {
        return switch (t.keyword()) {
            case "if" -> ifStatement(t);
            case "for" -> forStatement(t);
            case "set" -> setStatement(t);
            case "macro" -> macroStatement(t);
            case "elif", "else", "endif", "endfor", "endset", "endblock", "endmacro" ->
                    throw new SyntaxError("'{% " + t.keyword() + " %}' without an opening statement", t.offset());
            default -> throw new SyntaxError(UNSUPPORTED.contains(t.keyword())
                    ? "'{% " + t.keyword() + " %}' is not supported by Rigger's templates (supported: if, for, set, macro, block, raw)"
                    : "unknown statement '{% " + t.keyword() + " %}'", t.offset());
        };
    }

    private Tag endTag() {
        Tag end = (Tag) pieces.get(p++);
        Parser rest = tagParser(end);
        rest.expectEnd();
        return end;
    }

    private Stmt ifStatement(Tag t) {
        List<Node> tests = new ArrayList<>();
        List<List<Stmt>> bodies = new ArrayList<>();
        Parser head = tagParser(t);
        tests.add(head.parseExpression(true));
        head.expectEnd();
        List<Stmt> otherwise = List.of();
        while (true) {
            bodies.add(body(Set.of("elif", "else", "endif")));
            Tag next = (Tag) pieces.get(p++);
            if (next.keyword().equals("elif")) {
                Parser e = tagParser(next);
                tests.add(e.parseExpression(true));
                e.expectEnd();
            } else if (next.keyword().equals("else")) {
                tagParser(next).expectEnd();
                otherwise = body(Set.of("endif"));
                endTag();
                break;
            } else {
                tagParser(next).expectEnd();
                break;
            }
        }
        return new Stmt.If(tests, bodies, otherwise, t.offset());
    }

    private Stmt forStatement(Tag t) {
        Parser head = tagParser(t);
        List<String> targets = new ArrayList<>();
        boolean paren = head.skipOp("(");
        targets.add(head.expectName());
        while (head.skipOp(",")) targets.add(head.expectName());
        if (paren) head.expectOp(")");
        if (!head.skipName("in")) throw new SyntaxError("expected 'in' in the for statement", t.offset());
        Node iter = head.parseExpression(false);
        Node filter = head.skipName("if") ? head.parseExpression(false) : null;
        if (head.peek().isName("recursive")) {
            throw new SyntaxError("recursive loops are not supported", head.peek().offset());
        }
        head.expectEnd();
        List<Stmt> body = body(Set.of("else", "endfor"));
        List<Stmt> otherwise = List.of();
        Tag next = (Tag) pieces.get(p++);
        if (next.keyword().equals("else")) {
            tagParser(next).expectEnd();
            otherwise = body(Set.of("endfor"));
            endTag();
        } else {
            tagParser(next).expectEnd();
        }
        return new Stmt.For(targets, iter, filter, body, otherwise, t.offset());
    }

    /** {@code {% endblock %}} or {@code {% endblock name %}} (likewise endmacro). */
    private void namedEndTag() {
        Parser tail = tagParser((Tag) pieces.get(p++));
        if (!tail.atEnd()) tail.expectName();
        tail.expectEnd();
    }

    /** {@code {% block name %}}: without {@code extends} a block is its body, in place. */
    private List<Stmt> block(Tag t) {
        Parser head = tagParser(t);
        head.expectName();
        head.expectEnd();
        List<Stmt> body = body(Set.of("endblock"));
        namedEndTag();
        return body;
    }

    private Stmt macroStatement(Tag t) {
        Parser head = tagParser(t);
        String name = head.expectName();
        List<String> params = new ArrayList<>();
        List<Node> defaults = new ArrayList<>();
        head.expectOp("(");
        while (!head.skipOp(")")) {
            if (!params.isEmpty()) head.expectOp(",");
            params.add(head.expectName());
            defaults.add(head.skipOp("=") ? head.parseExpression(true) : null);
        }
        head.expectEnd();
        List<Stmt> body = body(Set.of("endmacro"));
        namedEndTag();
        return new Stmt.Macro(name, params, defaults, body, t.offset());
    }

    private Stmt setStatement(Tag t) {
        Parser head = tagParser(t);
        List<String> targets = new ArrayList<>();
        targets.add(head.expectName());
        if (head.peek().is(".")) throw new SyntaxError("setting attributes ('set a.b = ...') is not supported", head.peek().offset());
        while (head.skipOp(",")) targets.add(head.expectName());
        if (head.skipOp("=")) {
            Node value = head.parseExpression(true);
            head.expectEnd();
            return new Stmt.Set(targets, value, t.offset());
        }
        head.expectEnd();
        if (targets.size() != 1) throw new SyntaxError("a block set takes one name", t.offset());
        List<Stmt> body = body(Set.of("endset"));
        endTag();
        return new Stmt.SetBlock(targets.get(0), body, t.offset());
    }
}
