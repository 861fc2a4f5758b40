package dev.rigger.modules.packages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of a deb822 {@code .sources} stanza as ansible.builtin.deb822_repository (ansible-core
 * 2.15+) writes it: one field per given parameter in the order of the parameters' names, booleans
 * as yes/no, lists joined by spaces, a value of several lines on continuation lines indented by
 * four spaces (an empty line as '.'), each field as python-debian's Deb822.dump writes it.
 */
final class Deb822Source {
    private final Map<String, String> fields = new LinkedHashMap<>();

    /** Adds the parameter {@code param} (given in the order of the parameters' names) with its value. */
    Deb822Source put(String param, Object value) {
        String v;
        if (value instanceof Boolean b) v = b ? "yes" : "no";
        else if (value instanceof List<?> l) v = String.join(" ", l.stream().map(String::valueOf).toList());
        else v = String.valueOf(value);
        if (v.indexOf('\n') >= 0) v = multiline(v);
        fields.put(fieldName(param), v);
        return this;
    }

    /** format_field_name: name is X-Repolib-Name, uris URIs, others title-cased with '-' for '_'. */
    static String fieldName(String param) {
        if (param.equals("name")) return "X-Repolib-Name";
        if (param.equals("uris")) return "URIs";
        return title(param.replace('_', '-'));
    }

    /** Python's str.title(): a letter after a non-letter upper-cased, the others lower-cased. */
    private static String title(String s) {
        StringBuilder b = new StringBuilder();
        boolean prevLetter = false;
        for (char c : s.toCharArray()) {
            b.append(prevLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            prevLetter = Character.isLetter(c);
        }
        return b.toString();
    }

    /** format_multiline: a new line, then each stripped line (an empty one as '.') indented by four spaces. */
    static String multiline(String v) {
        List<String> lines = new ArrayList<>();
        for (String l : v.strip().split("\r\n|\r|\n", -1)) {
            String s = l.strip();
            lines.add("    " + (s.isEmpty() ? "." : s));
        }
        return "\n" + String.join("\n", lines);
    }

    /** Deb822.dump: 'Field: value', or 'Field:value' when the value starts on its own line. */
    String text() {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(k).append(v.isEmpty() || v.charAt(0) == '\n' ? ":" : ": ").append(v).append('\n'));
        return b.toString();
    }

    /** The slug of a repository's name: lower-cased, runs of '_' and spaces as '-', anything else but a-z0-9- left out. */
    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("(?U)[_\\s]+", "-").replaceAll("[^a-z0-9-]+", "");
    }
}
