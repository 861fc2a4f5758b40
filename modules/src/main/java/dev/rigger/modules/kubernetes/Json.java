package dev.rigger.modules.kubernetes;

import dev.rigger.spi.ModuleException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON this family needs: reading what {@code kubectl get -o json} prints, writing the
 * objects it sends to {@code kubectl apply -f -}. Objects become {@link LinkedHashMap}s, arrays
 * {@link ArrayList}s, numbers {@link Long} or {@link BigDecimal}. The SPI artifact has no JSON
 * library and modules depend on the SPI only.
 */
final class Json {
    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    static Object read(String text) {
        Json j = new Json(text);
        Object v = j.value();
        j.blanks();
        if (j.pos != text.length()) throw j.error("unexpected text after the value");
        return v;
    }

    /** Every value of a stream of JSON documents one after the other (what {@code kubectl -o json} prints for several objects). */
    static List<Object> readAll(String text) {
        Json j = new Json(text);
        List<Object> out = new ArrayList<>();
        for (j.blanks(); j.pos < text.length(); j.blanks()) out.add(j.value());
        return out;
    }

    private Object value() {
        blanks();
        if (pos >= text.length()) throw error("unexpected end");
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        blanks();
        if (peek() == '}') { pos++; return m; }
        while (true) {
            blanks();
            if (peek() != '"') throw error("expected a key");
            String key = string();
            blanks();
            expect(':');
            m.put(key, value());
            blanks();
            if (peek() == ',') { pos++; continue; }
            expect('}');
            return m;
        }
    }

    private List<Object> array() {
        List<Object> l = new ArrayList<>();
        pos++;
        blanks();
        if (peek() == ']') { pos++; return l; }
        while (true) {
            l.add(value());
            blanks();
            if (peek() == ',') { pos++; continue; }
            expect(']');
            return l;
        }
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') return b.toString();
            if (c != '\\') { b.append(c); continue; }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> { b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16)); pos += 4; }
                default -> b.append(e);
            }
        }
        throw error("unterminated string");
    }

    private Object number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) pos++;
        String n = text.substring(start, pos);
        if (n.isEmpty()) throw error("unexpected character '" + text.charAt(pos) + "'");
        try {
            return n.matches("-?[0-9]{1,18}") ? (Object) Long.parseLong(n) : new BigDecimal(n);
        } catch (NumberFormatException e) {
            throw error("bad number " + n);
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) throw error("unexpected word");
        pos += word.length();
        return value;
    }

    private void blanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "'");
        pos++;
    }

    private ModuleException error(String what) {
        return new ModuleException("cannot read kubectl's JSON at offset " + pos + ": " + what);
    }

    /** Compact JSON of maps, lists, strings, numbers, booleans and null. */
    static String write(Object v) {
        StringBuilder b = new StringBuilder();
        write(v, b);
        return b.toString();
    }

    private static void write(Object v, StringBuilder b) {
        if (v instanceof Map<?, ?> m) {
            b.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(sep);
                quote(String.valueOf(e.getKey()), b);
                b.append(':');
                write(e.getValue(), b);
                sep = ",";
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) b.append(',');
                write(l.get(i), b);
            }
            b.append(']');
        } else if (v == null || v instanceof Boolean || v instanceof Number) {
            b.append(v);
        } else {
            quote(v.toString(), b);
        }
    }

    static void quote(String s, StringBuilder b) {
        b.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
