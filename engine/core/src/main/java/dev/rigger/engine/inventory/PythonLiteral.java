package dev.rigger.engine.inventory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Python's {@code ast.literal_eval} that Ansible's INI plugin applies to values:
 * quoted strings, ints, floats, True/False/None, lists, tuples (as lists) and dicts.
 * Anything else is not a literal and the caller keeps the text, as Ansible does.
 * {@code 010} is not a Python literal, so zero-padded values stay strings.
 */
final class PythonLiteral {
    private static final Pattern NUMBER = Pattern.compile(
            "0[xX][0-9a-fA-F]+|(?:\\d+\\.\\d*|\\.\\d+|\\d+)(?:[eE][-+]?\\d+)?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String s;
    private int pos;

    private PythonLiteral(String s) {
        this.s = s;
    }

    /** The literal's value, or {@code fallback} when {@code text} is not a single Python literal. */
    static Object evalOr(String text, Object fallback) {
        PythonLiteral p = new PythonLiteral(text);
        try {
            Object v = p.value();
            p.skipSpace();
            return p.pos == text.length() ? v : fallback;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private Object value() {
        skipSpace();
        if (pos >= s.length()) throw fail();
        char c = s.charAt(pos);
        if (c == '\'' || c == '"') return strings();
        if (c == '[') return list(']');
        if (c == '(') return list(')');
        if (c == '{') return dict();
        if (c == '-' || c == '+') {
            pos++;
            skipSpace();
            Object n = number();
            return c == '+' ? n : negate(n);
        }
        if (Character.isDigit(c) || c == '.') return number();
        return word();
    }

    /** Adjacent string literals concatenate, as in Python. */
    private String strings() {
        StringBuilder sb = new StringBuilder();
        do {
            sb.append(string());
            skipSpace();
        } while (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"'));
        return sb.toString();
    }

    private String string() {
        char quote = s.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == quote) return sb.toString();
            if (c == '\\' && pos < s.length()) sb.append(escape(s.charAt(pos++)));
            else sb.append(c);
        }
        throw fail();
    }

    private static String escape(char c) {
        switch (c) {
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case '0': return "\0";
            case '\\': case '\'': case '"': return String.valueOf(c);
            default: return "\\" + c; // Python keeps unknown escapes verbatim
        }
    }

    private List<Object> list(char close) {
        pos++;
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek() == close) { pos++; return Collections.unmodifiableList(items); }
            items.add(value());
            skipSpace();
            if (peek() == ',') pos++;
            else if (peek() != close) throw fail();
        }
    }

    private Map<String, Object> dict() {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek() == '}') { pos++; return Collections.unmodifiableMap(map); }
            Object key = value();
            skipSpace();
            if (peek() != ':') throw fail();
            pos++;
            map.put(String.valueOf(key), value());
            skipSpace();
            if (peek() == ',') pos++;
            else if (peek() != '}') throw fail();
        }
    }

    private Object number() {
        Matcher m = NUMBER.matcher(s).region(pos, s.length());
        if (!m.lookingAt()) throw fail();
        String t = m.group();
        pos = m.end();
        if (t.startsWith("0x") || t.startsWith("0X")) return narrow(new BigInteger(t.substring(2), 16));
        if (t.contains(".") || t.contains("e") || t.contains("E")) return Double.valueOf(t);
        if (t.length() > 1 && t.charAt(0) == '0') throw fail(); // 010 is a SyntaxError in Python 3
        return narrow(new BigInteger(t));
    }

    private static Object narrow(BigInteger b) {
        if (b.bitLength() < 32) return b.intValue();
        if (b.bitLength() < 64) return b.longValue();
        return b;
    }

    private static Object negate(Object n) {
        if (n instanceof Integer i) return -i;
        if (n instanceof Long l) return narrow(BigInteger.valueOf(l).negate());
        if (n instanceof BigInteger b) return narrow(b.negate());
        return -(Double) n;
    }

    private Object word() {
        Matcher m = WORD.matcher(s).region(pos, s.length());
        if (!m.lookingAt()) throw fail();
        pos = m.end();
        switch (m.group()) {
            case "True": return Boolean.TRUE;
            case "False": return Boolean.FALSE;
            case "None": return null;
            default: throw fail(); // a bare name is not a literal
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    private static IllegalArgumentException fail() {
        return new IllegalArgumentException("not a literal");
    }
}
