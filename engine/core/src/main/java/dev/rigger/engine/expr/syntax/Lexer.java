package dev.rigger.engine.expr.syntax;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Jinja2's expression tokens: names, string literals (Python escapes), integers (with {@code _},
 * {@code 0x}, {@code 0o}, {@code 0b}), floats, and its operators. Characters Jinja2 does not know
 * are refused here with the form to write instead, so {@code &&}, {@code !}, {@code ? :} and any
 * comment syntax never get further.
 */
public final class Lexer {
    private static final String[] OPERATORS = {
        "**", "//", "==", "!=", ">=", "<=",
        "+", "-", "*", "/", "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";"};

    private final String src;
    private final int end;
    /** Inside {@code {{ }}} of a task value, Ansible doubles backslashes: string literals keep them as written. */
    private final boolean rawStrings;
    private int pos;

    private Lexer(String src, int from, int to, boolean rawStrings) {
        this.src = src;
        this.pos = from;
        this.end = to;
        this.rawStrings = rawStrings;
    }

    /** Tokens of {@code src[from, to)}, ending with an END token at {@code to}. */
    static List<Tok> lex(String src, int from, int to, boolean rawStrings) {
        return new Lexer(src, from, to, rawStrings).run();
    }

    private List<Tok> run() {
        List<Tok> out = new ArrayList<>();
        while (true) {
            while (pos < end && Character.isWhitespace(src.charAt(pos))) pos++;
            if (pos >= end) {
                out.add(new Tok(Tok.Kind.END, "", null, end));
                return out;
            }
            out.add(next());
        }
    }

    private Tok next() {
        char c = src.charAt(pos);
        int start = pos;
        if (c == '\'' || c == '"') return new Tok(Tok.Kind.STRING, null, readString(c), start);
        if (nameStart(c)) {
            while (pos < end && namePart(src.charAt(pos))) pos++;
            return new Tok(Tok.Kind.NAME, src.substring(start, pos), null, start);
        }
        if (isDigit(c)) return number();
        if (src.startsWith("||", pos)) throw new SyntaxError("'||' is not Jinja2: write 'or'", start);
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos) && pos + op.length() <= end) {
                pos += op.length();
                return new Tok(Tok.Kind.OP, op, null, start);
            }
        }
        throw new SyntaxError(unexpected(c), start);
    }

    /** What to write instead of an operator from another language. */
    private String unexpected(char c) {
        String two = pos + 1 < end ? src.substring(pos, pos + 2) : "";
        if (two.equals("&&")) return "'&&' is not Jinja2: write 'and'";
        if (two.equals("||")) return "'||' is not Jinja2: write 'or'";
        if (c == '!') return "'!' is not Jinja2: write 'not'";
        if (c == '?') return "'?' is not Jinja2: write 'a if condition else b'";
        if (c == '#') return "'#' is not allowed in an expression (a comment is {# ... #} in a template)";
        return "unexpected character '" + (Character.isISOControl(c) ? String.format("\\x%02x", (int) c) : c) + "'";
    }

    private String readString(char quote) {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < end) {
            char c = src.charAt(pos++);
            if (c == quote) return sb.toString();
            if (c == '\\' && pos < end) {
                if (rawStrings) {
                    sb.append(c).append(src.charAt(pos++));
                } else {
                    escape(sb);
                }
            } else {
                sb.append(c == '\r' ? '\n' : c);
            }
        }
        throw new SyntaxError("unterminated string", start);
    }

    /** Python's unicode-escape, as Jinja2 applies it to string literals. */
    private void escape(StringBuilder sb) {
        char e = src.charAt(pos++);
        switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case '0' -> sb.append('\0');
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'v' -> sb.append('\u000b');
            case '\\', '\'', '"' -> sb.append(e);
            case '\n' -> { }
            case 'x' -> sb.appendCodePoint(hex(2));
            case 'u' -> sb.appendCodePoint(hex(4));
            case 'U' -> sb.appendCodePoint(hex(8));
            default -> sb.append('\\').append(e);
        }
    }

    private int hex(int digits) {
        if (pos + digits > end) throw new SyntaxError("truncated \\x/\\u escape", pos);
        try {
            int cp = Integer.parseInt(src.substring(pos, pos + digits), 16);
            if (!Character.isValidCodePoint(cp)) throw new SyntaxError("illegal Unicode character in escape", pos);
            pos += digits;
            return cp;
        } catch (NumberFormatException ex) {
            throw new SyntaxError("malformed \\x/\\u escape", pos);
        }
    }

    private Tok number() {
        int start = pos;
        char c0 = src.charAt(pos);
        if (c0 == '0' && pos + 1 < end && "xXoObB".indexOf(src.charAt(pos + 1)) >= 0) {
            int radix = switch (Character.toLowerCase(src.charAt(pos + 1))) { case 'x' -> 16; case 'o' -> 8; default -> 2; };
            pos += 2;
            int digits = pos;
            while (pos < end && (src.charAt(pos) < 128 && Character.digit(src.charAt(pos), radix) >= 0 || src.charAt(pos) == '_')) pos++;
            if (pos == digits) throw new SyntaxError("malformed number", start);
            return new Tok(Tok.Kind.INT, src.substring(start, pos), integer(src.substring(digits, pos), radix, start), start);
        }
        digits();
        boolean isFloat = false;
        if (pos + 1 < end && src.charAt(pos) == '.' && isDigit(src.charAt(pos + 1))) {
            pos++;
            digits();
            isFloat = true;
        }
        if (pos < end && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int mark = pos++;
            if (pos < end && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) pos++;
            if (pos < end && isDigit(src.charAt(pos))) {
                digits();
                isFloat = true;
            } else {
                pos = mark;
            }
        }
        String text = src.substring(start, pos);
        String clean = text.replace("_", "");
        if (isFloat) return new Tok(Tok.Kind.FLOAT, text, Double.parseDouble(clean), start);
        return new Tok(Tok.Kind.INT, text, integer(clean, 10, start), start);
    }

    /** ASCII only: Character.isDigit also takes other scripts' digits, which no number here is written with. */
    /** Whether {@code s} lexes as one name: what an expression can write as a bare variable. */
    public static boolean isName(String s) {
        if (s.isEmpty() || !nameStart(s.charAt(0))) return false;
        for (int i = 1; i < s.length(); i++) if (!namePart(s.charAt(i))) return false;
        return true;
    }

    private static boolean nameStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean namePart(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void digits() {
        while (pos < end && (isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
    }

    private static Long integer(String digits, int radix, int at) {
        String clean = digits.replace("_", "");
        if (clean.isEmpty()) throw new SyntaxError("malformed number", at);
        BigInteger b = new BigInteger(clean, radix);
        if (b.bitLength() >= 64) throw new SyntaxError("integer " + digits + " is out of range", at);
        return b.longValue();
    }
}
