package dev.rigger.engine.expr;

import dev.rigger.engine.expr.ExpressionAnalyzer.Role;
import java.util.List;
import java.util.TreeMap;

/**
 * The source actually handed to MVEL. MVEL 2.5 fails on an index that holds another index
 * ("unbalanced braces" for {@code hostvars[groups['master'][0]]}), so such an outer index
 * {@code x[...]} is rewritten as the equivalent {@code x.get(...)}. Runs after the sandbox:
 * the user's source never contains a {@code get} call of its own.
 */
final class MvelSource {
    private MvelSource() {}

    static String of(String source, List<Token> tokens, Role[] roles) {
        TreeMap<Integer, Token> replaced = new TreeMap<>();
        for (int j = 1; j < tokens.size(); j++) {
            if (!tokens.get(j).is("[") || !isIndexOpen(tokens, roles, j - 1)) continue;
            int close = matching(tokens, j);
            if (close < 0 || !containsBracket(tokens, j + 1, close)) continue;
            replaced.put(tokens.get(j).offset(), new Token(Token.Kind.OP, ".get(", tokens.get(j).offset()));
            replaced.put(tokens.get(close).offset(), new Token(Token.Kind.OP, ")", tokens.get(close).offset()));
        }
        if (replaced.isEmpty()) return source;
        StringBuilder out = new StringBuilder();
        int pos = 0;
        for (Token r : replaced.values()) {
            out.append(source, pos, r.offset()).append(r.text());
            pos = r.offset() + 1;
        }
        return out.append(source.substring(pos)).toString();
    }

    /** '[' right after a value (name, ']', ')' or string) indexes it; elsewhere it starts a list literal. */
    private static boolean isIndexOpen(List<Token> tokens, Role[] roles, int before) {
        Token t = tokens.get(before);
        return (t.isIdent() && roles[before] != Role.WORD) || t.is("]") || t.is(")")
                || t.kind() == Token.Kind.STRING;
    }

    private static boolean containsBracket(List<Token> tokens, int from, int to) {
        for (int k = from; k < to; k++) if (tokens.get(k).is("[")) return true;
        return false;
    }

    private static int matching(List<Token> tokens, int open) {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            if (tokens.get(j).is("[")) depth++;
            else if (tokens.get(j).is("]") && --depth == 0) return j;
        }
        return -1;
    }
}
