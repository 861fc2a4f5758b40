package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Jinja's urlencode and Python's unquote_plus. */
final class Urls {
    private Urls() {}

    static Object urlencode(Object in) {
        Object v = Vals.defined(in);
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (sb.length() > 0) sb.append('&');
                sb.append(quote(e.getKey(), true)).append('=').append(quote(e.getValue(), true));
            }
            return sb.toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            for (Object item : l) {
                if (!(item instanceof List<?> pair) || pair.size() != 2) {
                    throw new EvalException("urlencode expects a string, a dict or a list of (key, value) pairs");
                }
                if (sb.length() > 0) sb.append('&');
                sb.append(quote(pair.get(0), true)).append('=').append(quote(pair.get(1), true));
            }
            return sb.toString();
        }
        return quote(v, false);
    }

    /** Jinja's url_quote: UTF-8, '/' kept unless for a query string, where a space is '+'. */
    static String quote(Object v, boolean forQs) {
        byte[] bytes = Vals.str(v).getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            boolean safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '-' || c == '~' || (!forQs && c == '/');
            if (safe) sb.append((char) c);
            else if (forQs && c == ' ') sb.append('+');
            else sb.append('%').append(String.format("%02X", c));
        }
        return sb.toString();
    }

    static String unquotePlus(String s) {
        String t = s.replace('+', ' ');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '%' && i + 2 < t.length() + 0 && hex(t.charAt(i + 1)) >= 0 && hex(t.charAt(i + 2)) >= 0) {
                out.write(hex(t.charAt(i + 1)) * 16 + hex(t.charAt(i + 2)));
                i += 2;
                continue;
            }
            if (out.size() > 0) {
                sb.append(out.toString(StandardCharsets.UTF_8));
                out.reset();
            }
            sb.append(c);
        }
        if (out.size() > 0) sb.append(out.toString(StandardCharsets.UTF_8));
        return sb.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
