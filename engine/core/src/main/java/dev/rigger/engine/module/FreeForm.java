package dev.rigger.engine.module;

import dev.rigger.spi.ParamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's one-line argument forms: {@code file: path=/x state=touch}, and for free-form
 * modules {@code command: creates=/x touch /x}, where words naming a known argument are
 * arguments and the rest, kept exactly as written, is the command ({@code _raw}).
 */
public final class FreeForm {
    private FreeForm() { }

    /** A word and where it stands in the line. */
    record Word(String text, int start, int end) { }

    /**
     * Only {@code k=v} words, as ansible-playbook reads {@code -e k=v}: split as above (a
     * {@code {{ }}} with blanks in it stays one word), the other words left in {@code _raw}.
     */
    public static Map<String, Object> keyValues(String line) {
        return parse(line, null);
    }

    public static Map<String, Object> parse(String line, ParamSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        int restStart = -1;
        int restEnd = -1;
        for (Word w : words(line)) {
            int eq = w.text().indexOf('=');
            String key = eq > 0 ? w.text().substring(0, eq) : null;
            boolean isArg = key != null && key.matches("[A-Za-z_][A-Za-z0-9_]*")
                    && (spec == null || !spec.freeForm() || spec.find(key).isPresent());
            if (isArg) {
                out.put(key, unquote(w.text().substring(eq + 1)));
            } else {
                if (restStart < 0) restStart = w.start();
                restEnd = w.end();
            }
        }
        if (restStart >= 0) out.put("_raw", line.substring(restStart, restEnd));
        return out;
    }

    /** Splits on blanks outside quotes and {@code {{ }}}; both stay part of the word. */
    static List<Word> words(String line) {
        List<Word> out = new ArrayList<>();
        int start = -1;
        char quote = 0;
        int braces = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (line.startsWith("{{", i)) braces++;
            else if (braces > 0 && line.startsWith("}}", i)) braces--;
            if (braces > 0) {
                if (start < 0) start = i;
                continue;
            }
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (Character.isWhitespace(c)) {
                if (start >= 0) { out.add(new Word(line.substring(start, i), start, i)); start = -1; }
                continue;
            } else if (c == '\'' || c == '"') {
                quote = c;
            }
            if (start < 0) start = i;
        }
        if (start >= 0) out.add(new Word(line.substring(start), start, line.length()));
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
