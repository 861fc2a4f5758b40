package dev.rigger.modules.kubernetes;

import dev.rigger.spi.ModuleException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A YAML reader for Kubernetes manifests, as kubectl reads them (YAML 1.1 scalars: {@code yes},
 * {@code on}, octal {@code 0644}): block mappings and sequences (also a sequence at its key's
 * indentation), plain, quoted and multi-line plain scalars, {@code |} and {@code >} block scalars
 * with chomping and indentation indicators, flow {@code [..]} and {@code {..}} over several lines,
 * comments and {@code ---} documents. Anchors, aliases and tags are refused, not guessed.
 * The module artifact depends on the SPI only, so there is no YAML library to lean on.
 */
final class Yaml {
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern OCTAL = Pattern.compile("0[0-7]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    /** One document of a stream: its value and its own text. */
    record Document(Object value, String source) { }

    private final String[] lines;
    private final String where;
    private int i;
    /** The line being read, for error messages. */
    private int at;

    private Yaml(String text, String where) {
        this.lines = text.replace("\r\n", "\n").split("\n", -1);
        this.where = where;
    }

    /** The non-empty documents of a multi-document stream, in order. */
    static List<Document> documents(String text, String where) {
        List<Document> out = new ArrayList<>();
        StringBuilder doc = new StringBuilder();
        int first = 1, line = 0;
        String all = text.replace("\r\n", "\n");
        for (String l : (all.endsWith("\n") ? all + "---" : all + "\n---").split("\n")) {
            line++;
            if (l.equals("---") || l.startsWith("--- ") || l.startsWith("---\t") || l.equals("...")) {
                Object v = new Yaml(doc.toString(), where + " (document at line " + first + ")").document();
                if (v != null) out.add(new Document(v, doc.toString()));
                doc.setLength(0);
                first = line + 1;
            } else if (!(l.startsWith("%") && onlyComments(doc))) { // a directive such as %YAML 1.1
                doc.append(l).append('\n');
            }
        }
        return out;
    }

    private static boolean onlyComments(CharSequence doc) {
        return doc.toString().lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"));
    }

    /** One document's value (null when it holds only comments). */
    static Object read(String text) {
        return new Yaml(text, "YAML").document();
    }

    private Object document() {
        Object v = node(0);
        skipBlank();
        if (i < lines.length) throw error("unexpected indentation or text");
        return v;
    }

    /** The node starting at the next content line, if it is indented at least {@code min}. */
    private Object node(int min) {
        skipBlank();
        if (i >= lines.length || indent(lines[i]) < min) return null;
        int ind = indent(lines[i]);
        String content = lines[i].substring(ind);
        at = i;
        if (isItem(content)) return sequence(ind);
        if (keyEnd(content) >= 0) return mapping(ind);
        i++;
        return inline(content, ind - 1);
    }

    private Map<String, Object> mapping(int ind) {
        Map<String, Object> m = new LinkedHashMap<>();
        while (true) {
            skipBlank();
            if (i >= lines.length || indent(lines[i]) != ind) return m;
            String content = lines[i].substring(ind);
            at = i;
            if (isItem(content)) return m;
            int end = keyEnd(content);
            if (end < 0) throw error("expected 'key: value'");
            String key = key(content.substring(0, end).strip());
            String rest = content.substring(end + 1);
            i++;
            if (m.containsKey(key)) throw error("duplicate key '" + key + "'");
            m.put(key, value(rest, ind));
        }
    }

    /** The value after {@code key:} of a mapping indented {@code ind}. */
    private Object value(String rest, int ind) {
        if (!stripComment(rest).isBlank()) return inline(rest.strip(), ind);
        skipBlank();
        if (i >= lines.length) return null;
        int next = indent(lines[i]);
        if (next > ind) return node(next);
        if (next == ind && isItem(lines[i].substring(ind))) return sequence(ind);
        return null;
    }

    private List<Object> sequence(int ind) {
        List<Object> l = new ArrayList<>();
        while (true) {
            skipBlank();
            if (i >= lines.length || indent(lines[i]) != ind || !isItem(lines[i].substring(ind))) return l;
            String rest = lines[i].substring(ind + 1);
            at = i;
            if (stripComment(rest).isBlank()) {
                i++;
                l.add(node(ind + 1));
                continue;
            }
            int col = ind + 1 + (rest.length() - rest.stripLeading().length());
            lines[i] = " ".repeat(col) + rest.stripLeading(); // "- a: 1" reads as "  a: 1" at the item's column
            l.add(node(col));
        }
    }

    /** A value that starts on an already consumed line; {@code parent} is its parent's indentation. */
    private Object inline(String text, int parent) {
        char c = text.charAt(0);
        if (c == '&' || c == '*' || c == '!') throw error("anchors, aliases and tags are not supported: " + text);
        if (c == '|' || c == '>') return blockScalar(text, parent);
        if (c == '[' || c == '{') return flow(text);
        if (c == '"' || c == '\'') return quoted(text);
        StringBuilder plain = new StringBuilder(stripComment(text).strip());
        while (true) { // continuation lines of a multi-line plain scalar
            skipBlank();
            if (i >= lines.length || indent(lines[i]) <= parent || text.contains(" #")) break;
            String more = lines[i].strip();
            if (isItem(more) || keyEnd(more) >= 0) break;
            plain.append(' ').append(stripComment(more).strip());
            i++;
        }
        return scalar(plain.toString());
    }

    private String quoted(String text) {
        StringBuilder all = new StringBuilder(text);
        Flow f = new Flow(all.toString(), this);
        while (!f.closesQuote() && i < lines.length) {
            String next = lines[i++].strip();
            all.append(next.isEmpty() ? "\n" : " " + next);
            f = new Flow(all.toString(), this);
        }
        String s = f.quoted();
        f.end();
        return s;
    }

    private Object flow(String text) {
        StringBuilder all = new StringBuilder(stripComment(text));
        while (!Flow.balanced(all) && i < lines.length) all.append(' ').append(stripComment(lines[i++]).strip());
        Flow f = new Flow(all.toString(), this);
        Object v = f.value();
        f.end();
        return v;
    }

    private String blockScalar(String header, int parent) {
        String h = stripComment(header).strip();
        boolean folded = h.charAt(0) == '>';
        char chomp = h.indexOf('-') > 0 ? '-' : h.indexOf('+') > 0 ? '+' : ' ';
        String digits = h.replaceAll("[^0-9]", "");
        List<String> body = new ArrayList<>();
        int contentIndent = digits.isEmpty() ? -1 : parent + Integer.parseInt(digits) + (parent < 0 ? 1 : 0);
        while (i < lines.length && (lines[i].isBlank() || indent(lines[i]) > Math.max(parent, -1))) {
            String l = lines[i++];
            if (contentIndent < 0 && !l.isBlank()) contentIndent = indent(l);
            body.add(l);
        }
        int trailing = 0;
        while (trailing < body.size() && body.get(body.size() - 1 - trailing).isBlank()) trailing++;
        List<String> text = new ArrayList<>();
        for (String l : body.subList(0, body.size() - trailing)) text.add(l.length() > contentIndent ? l.substring(Math.max(contentIndent, 0)) : "");
        String s = folded ? fold(text) : String.join("\n", text);
        if (text.isEmpty() || chomp == '-') return s;
        return chomp == '+' ? s + "\n".repeat(trailing + 1) : s + "\n";
    }

    /** Folding of a {@code >} scalar: a single break between plain lines becomes a space. */
    private static String fold(List<String> text) {
        StringBuilder out = new StringBuilder();
        String lastText = null;
        for (int k = 0; k < text.size(); k++) {
            String l = text.get(k);
            if (k == 0) out.append(l);
            else if (l.isEmpty()) out.append('\n');
            else if (!text.get(k - 1).isEmpty()) out.append(moreIndented(l) || moreIndented(lastText) ? "\n" : " ").append(l);
            else out.append(moreIndented(l) || moreIndented(lastText) ? "\n" : "").append(l);
            if (!l.isEmpty()) lastText = l;
        }
        return out.toString();
    }

    private static boolean moreIndented(String l) {
        return l != null && (l.startsWith(" ") || l.startsWith("\t"));
    }

    /** A plain scalar's value with YAML 1.1 types, as kubectl reads manifests. */
    static Object scalar(String s) {
        switch (s) {
            case "", "~", "null", "Null", "NULL": return null;
            case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return Boolean.TRUE;
            case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return Boolean.FALSE;
            default: break;
        }
        if (OCTAL.matcher(s).matches()) return Long.parseLong(s, 8);
        if (INT.matcher(s).matches()) return s.length() < 19 ? (Object) Long.parseLong(s) : new BigDecimal(s);
        if (FLOAT.matcher(s).matches()) return new BigDecimal(s);
        return s;
    }

    private String key(String raw) {
        if (raw.startsWith("\"") || raw.startsWith("'")) return new Flow(raw, this).quoted();
        return raw;
    }

    private static boolean isItem(String content) {
        return content.equals("-") || content.startsWith("- ") || content.startsWith("-\t");
    }

    /** Where the ':' ending a mapping key is in {@code content}, or -1 when it is no key line. */
    static int keyEnd(String content) {
        if (content.isEmpty() || "[{#&*!|>".indexOf(content.charAt(0)) >= 0) return -1;
        int from = 0;
        if (content.charAt(0) == '"' || content.charAt(0) == '\'') {
            from = Flow.quoteEnd(content, 0);
            if (from < 0) return -1;
        }
        for (int k = from; k < content.length(); k++) {
            char c = content.charAt(k);
            if (c == '#' && k > 0 && content.charAt(k - 1) == ' ') return -1;
            if (c == ':' && (k + 1 == content.length() || content.charAt(k + 1) == ' ' || content.charAt(k + 1) == '\t')) return k;
        }
        return -1;
    }

    /** Removes a {@code #} comment from a line (outside quotes). */
    static String stripComment(String s) {
        char quote = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"') k++;
            } else if (c == '"' || c == '\'') {
                if (k == 0 || " [{,:".indexOf(s.charAt(k - 1)) >= 0) quote = c;
            } else if (c == '#' && (k == 0 || s.charAt(k - 1) == ' ' || s.charAt(k - 1) == '\t')) {
                return s.substring(0, k);
            }
        }
        return s;
    }

    private void skipBlank() {
        while (i < lines.length && (lines[i].isBlank() || lines[i].stripLeading().startsWith("#"))) i++;
    }

    private int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') n++;
        if (n < line.length() && line.charAt(n) == '\t') throw error("a tab in the indentation");
        return n;
    }

    ModuleException error(String what) {
        return new ModuleException(where + " line " + (at + 1) + ": " + what);
    }
}
