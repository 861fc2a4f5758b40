package dev.rigger.engine.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits expression source into tokens, keeping string literals whole so the sandbox never
 * mistakes their contents for code. Only characters the DSL can use are accepted; a few it
 * rejects later with a specific message ({ } ; @ $ #) are still tokenized as operators.
 */
final class Tokenizer {
    private static final Set<String> THREE_CHAR_OPS = Set.of(">>>", "<<=", ">>=", "<<<");
    private static final Set<String> TWO_CHAR_OPS = Set.of(
            "==", "!=", "<=", ">=", "&&", "||", "++", "--", "+=", "-=", "*=", "/=", "%=",
            "&=", "|=", "^=", "~=", "<<", ">>", ".?", "::", "**", "->");
    private static final String ONE_CHAR_OPS = "+-*/%!=<>&|^~?:.,()[]{};@$#";

    private final String src;
    private int pos;

    private Tokenizer(String src) { this.src = src; }

    /** @throws SourceError on an unterminated string or a character the DSL does not use */
    static List<Token> tokenize(String src) {
        return new Tokenizer(src).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
            if (pos >= src.length()) return tokens;
            tokens.add(next());
        }
    }

    private Token next() {
        char c = src.charAt(pos);
        int start = pos;
        if (c == '\'' || c == '"') return new Token(Token.Kind.STRING, readString(c), start);
        if (Character.isJavaIdentifierStart(c) && c != '$') {
            while (pos < src.length() && isIdentPart(src.charAt(pos))) pos++;
            return new Token(Token.Kind.IDENT, src.substring(start, pos), start);
        }
        if (Character.isDigit(c)) return new Token(Token.Kind.NUMBER, readNumber(), start);
        for (int len = 3; len >= 1; len--) {
            if (pos + len > src.length()) continue;
            String op = src.substring(pos, pos + len);
            boolean known = len == 3 ? THREE_CHAR_OPS.contains(op)
                    : len == 2 ? TWO_CHAR_OPS.contains(op) : ONE_CHAR_OPS.indexOf(c) >= 0;
            if (known) {
                pos += len;
                return new Token(Token.Kind.OP, op, start);
            }
        }
        throw new SourceError("character '" + c + "' is not allowed in expressions", start);
    }

    private static boolean isIdentPart(char c) {
        return Character.isJavaIdentifierPart(c) && c != '$';
    }

    /** The literal including its quotes; backslash escapes the next character. */
    private String readString(char quote) {
        int start = pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '\\') pos++;
            else if (c == quote) return src.substring(start, Math.min(pos, src.length()));
        }
        throw new SourceError("unterminated string literal", start);
    }

    /** Digits with an optional fraction and suffix/exponent letters (10L, 1.5, 0x1F, 1e3). */
    private String readNumber() {
        int start = pos;
        while (pos < src.length() && isIdentPart(src.charAt(pos))) pos++;
        if (pos + 1 < src.length() && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
            pos++;
            while (pos < src.length() && isIdentPart(src.charAt(pos))) pos++;
        }
        return src.substring(start, pos);
    }
}
