package dev.rigger.engine.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the token stream for what an expression refers to: which identifiers are root
 * variables, which are members ({@code x.name}) or projection element names
 * ({@code (name in list)}), and the static access paths and hostvars reads of each root.
 */
final class ExpressionAnalyzer {

    enum Role { ROOT, MEMBER, ELEMENT, WORD, NONE }

    /**
     * @param bounded nothing in it can run long: variables, members, indexes, literals and plain
     *                operators only (no call, no regex, no projection); evaluated without a time limit
     */
    record Analysis(List<Token> tokens, Role[] roles, Set<String> rootNames,
                    List<AccessPath> paths, List<HostvarsRef> hostvarsRefs, boolean bounded) {}

    /** Operators whose cost is at most linear in the values they touch. */
    private static final Set<String> PLAIN_OPS = Set.of(".", ".?", "[", "]", "(", ")", ",", "?", ":",
            "==", "!=", "<", ">", "<=", ">=", "&&", "||", "!", "+", "-", "*", "/", "%");
    private static final Set<String> PLAIN_WORDS = Set.of("true", "false", "null", "nil", "empty", "and", "or");

    private final String source;
    private final List<Token> tokens;
    private final Role[] roles;

    private ExpressionAnalyzer(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
        this.roles = new Role[tokens.size()];
    }

    /** @throws SourceError when 'in' is used outside a projection */
    static Analysis analyze(String source, List<Token> tokens) {
        return new ExpressionAnalyzer(source, tokens).run();
    }

    private Analysis run() {
        for (int i = 0; i < tokens.size(); i++) roles[i] = classify(i);
        for (int i = 0; i < tokens.size(); i++) {
            if (roles[i] == Role.WORD && tokens.get(i).text().equals("in")) markProjectionElements(i);
        }
        Set<String> roots = new LinkedHashSet<>();
        List<AccessPath> paths = new ArrayList<>();
        List<HostvarsRef> refs = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (roles[i] != Role.ROOT) continue;
            String name = tokens.get(i).text();
            roots.add(name);
            AccessPath path = pathFrom(i);
            paths.add(path);
            if (name.equals("hostvars") && !path.steps().isEmpty()) refs.add(hostvarsRef(i, path));
        }
        return new Analysis(tokens, roles, roots, paths, refs, bounded());
    }

    private boolean bounded() {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Token.Kind.OP && !PLAIN_OPS.contains(t.text())) return false;
            if (roles[i] == Role.WORD && !PLAIN_WORDS.contains(t.text())) return false;
            // a name followed by '(' is a call
            if (t.isIdent() && i + 1 < tokens.size() && tokens.get(i + 1).is("(")) return false;
        }
        return true;
    }

    private Role classify(int i) {
        Token t = tokens.get(i);
        if (!t.isIdent()) return Role.NONE;
        if (i > 0 && (tokens.get(i - 1).is(".") || tokens.get(i - 1).is(".?"))) return Role.MEMBER;
        if (ExpressionSandbox.isReservedWord(t.text())) return Role.WORD;
        return Role.ROOT;
    }

    /** In {@code (name.first in users)} the identifiers before 'in' name parts of each element, not variables. */
    private void markProjectionElements(int in) {
        int depth = 0;
        for (int j = in - 1; j >= 0; j--) {
            Token t = tokens.get(j);
            if (t.is(")") || t.is("]")) depth++;
            else if (t.is("(") && depth == 0) {
                for (int k = j + 1; k < in; k++) if (roles[k] == Role.ROOT) roles[k] = Role.ELEMENT;
                return;
            } else if (t.is("(") || t.is("[")) {
                if (depth == 0) break;
                depth--;
            }
        }
        throw new SourceError("'in' is only for projections like (name in list); "
                + "to test membership write 'list contains x'", tokens.get(in).offset());
    }

    private AccessPath pathFrom(int root) {
        List<AccessPath.Step> steps = new ArrayList<>();
        int j = root + 1;
        while (j < tokens.size()) {
            Token t = tokens.get(j);
            if (t.is(".") && j + 1 < tokens.size() && tokens.get(j + 1).isIdent() && !isCall(j + 1)) {
                steps.add(new AccessPath.Key(tokens.get(j + 1).text()));
                j += 2;
            } else if (t.is("[")) {
                int close = matchingBracket(j);
                steps.add(indexStep(j, close));
                j = close + 1;
            } else {
                break;
            }
        }
        return new AccessPath(tokens.get(root).text(), List.copyOf(steps));
    }

    private boolean isCall(int ident) {
        return ident + 1 < tokens.size() && tokens.get(ident + 1).is("(");
    }

    /** A single string or integer literal between the brackets is a literal key; anything else any entry. */
    private AccessPath.Step indexStep(int open, int close) {
        if (close != open + 2) return new AccessPath.AnyEntry();
        Token t = tokens.get(open + 1);
        if (t.kind() == Token.Kind.STRING) return new AccessPath.Key(unquote(t.text()));
        if (t.kind() == Token.Kind.NUMBER && t.text().matches("\\d{1,9}")) {
            return new AccessPath.Key(Integer.parseInt(t.text()));
        }
        return new AccessPath.AnyEntry();
    }

    private int matchingBracket(int open) {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            if (tokens.get(j).is("[")) depth++;
            else if (tokens.get(j).is("]") && --depth == 0) return j;
        }
        throw new SourceError("'[' is never closed", tokens.get(open).offset());
    }

    private HostvarsRef hostvarsRef(int root, AccessPath path) {
        Token next = tokens.get(root + 1);
        String index = next.is("[")
                ? source.substring(tokens.get(root + 2).offset(), tokens.get(matchingBracket(root + 1)).offset()).trim()
                : "'" + ((AccessPath.Key) path.steps().get(0)).key() + "'";
        String attribute = path.steps().size() > 1 && path.steps().get(1) instanceof AccessPath.Key k
                && k.key() instanceof String s ? s : null;
        return new HostvarsRef(index, attribute);
    }

    /** The value of a quoted literal, resolving backslash escapes. */
    static String unquote(String literal) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < literal.length() - 1) {
                char e = literal.charAt(++i);
                sb.append(switch (e) { case 'n' -> '\n'; case 't' -> '\t'; case 'r' -> '\r'; default -> e; });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
