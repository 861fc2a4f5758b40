package dev.rigger.modules.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of a YAML line read character by character: flow collections and quoted scalars. */
final class Flow {
    private final String text;
    private final Yaml yaml;
    private int pos;

    Flow(String text, Yaml yaml) {
        this.text = text;
        this.yaml = yaml;
    }

    /** True when brackets and quotes of a flow collection started in {@code s} are all closed. */
    static boolean balanced(CharSequence s) {
        int depth = 0;
        char quote = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (quote != 0) {
                if (c == '\\' && quote == '"') k++;
                else if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') quote = c;
            else if (c == '[' || c == '{') depth++;
            else if (c == ']' || c == '}') depth--;
        }
        return depth <= 0 && quote == 0;
    }

    /** The index after the quote closing the one at {@code start}, or -1 when it is not closed. */
    static int quoteEnd(String s, int start) {
        char q = s.charAt(start);
        for (int k = start + 1; k < s.length(); k++) {
            char c = s.charAt(k);
            if (q == '"' && c == '\\') k++;
            else if (c == q && q == '\'' && k + 1 < s.length() && s.charAt(k + 1) == '\'') k++;
            else if (c == q) return k + 1;
        }
        return -1;
    }

    boolean closesQuote() {
        return quoteEnd(text, pos) >= 0;
    }

    Object value() {
        blanks();
        char c = peek();
        if (c == '[') return list();
        if (c == '{') return map();
        if (c == '"' || c == '\'') return quoted();
        return Yaml.scalar(plain(false));
    }

    private List<Object> list() {
        List<Object> l = new ArrayList<>();
        pos++;
        while (true) {
            blanks();
            if (peek() == ']') { pos++; return l; }
            l.add(value());
            blanks();
            if (peek() == ',') pos++;
            else if (peek() != ']') throw yaml.error("expected ',' or ']' in " + text);
        }
    }

    private Map<String, Object> map() {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        while (true) {
            blanks();
            if (peek() == '}') { pos++; return m; }
            String key = peek() == '"' || peek() == '\'' ? quoted() : plain(true);
            blanks();
            Object v = null;
            if (peek() == ':') { pos++; v = value(); }
            m.put(key, v);
            blanks();
            if (peek() == ',') pos++;
            else if (peek() != '}') throw yaml.error("expected ',' or '}' in " + text);
        }
    }

    private String plain(boolean key) {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ',' || c == ']' || c == '}') break;
            if (c == ':' && (key || pos + 1 == text.length() || " ,]}".indexOf(text.charAt(pos + 1)) >= 0)) break;
            pos++;
        }
        return text.substring(start, pos).strip();
    }

    /** A single- or double-quoted scalar at the current position. */
    String quoted() {
        int end = quoteEnd(text, pos);
        if (end < 0) throw yaml.error("unterminated quoted string: " + text);
        char q = text.charAt(pos);
        String body = text.substring(pos + 1, end - 1);
        pos = end;
        return q == '\'' ? body.replace("''", "'") : unescape(body);
    }

    private String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c != '\\' || k + 1 == s.length()) { b.append(c); continue; }
            char e = s.charAt(++k);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case '0' -> b.append('\0');
                case 'x' -> { b.append((char) Integer.parseInt(s.substring(k + 1, k + 3), 16)); k += 2; }
                case 'u' -> { b.append((char) Integer.parseInt(s.substring(k + 1, k + 5), 16)); k += 4; }
                default -> b.append(e); // \" \\ \/ and a literal character
            }
        }
        return b.toString();
    }

    /** Only blanks or a comment may follow the value. */
    void end() {
        blanks();
        if (pos < text.length() && text.charAt(pos) != '#') throw yaml.error("unexpected text after the value: " + text.substring(pos));
    }

    private void blanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }
}
