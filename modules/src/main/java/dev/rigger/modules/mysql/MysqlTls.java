package dev.rigger.modules.mysql;

import dev.rigger.spi.Params;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An account's REQUIRE clause, as user.py's sanitize_requires and get_tls_requires read it. */
final class MysqlTls {
    private static final Pattern REQUIRE = Pattern.compile("(?<=\\bREQUIRE\\b)(.*?)(?=(?:\\bPASSWORD\\b|$))");

    private MysqlTls() { }

    /** SSL, X509, or CIPHER/ISSUER/SUBJECT values; null stands for NONE. */
    record Requires(String word, Map<String, String> values) {
        String sql() {
            if (word != null) return word;
            List<String> parts = new ArrayList<>();
            values.forEach((k, v) -> parts.add(k + " " + Sql.literal(v)));
            return String.join(" AND ", parts);
        }

        @Override
        public String toString() {
            return word != null ? word : values.toString();
        }
    }

    /** sanitize_requires: {} and none are NONE; a cipher, issuer or subject drops SSL and X509; else X509 when given, else SSL. */
    static Requires wanted(Params p) {
        Map<String, Object> given = p.map("tls_requires");
        if (given.isEmpty()) return null;
        Map<String, String> upper = new LinkedHashMap<>();
        given.forEach((k, v) -> upper.put(k.toUpperCase(Locale.ROOT), v == null ? "" : v.toString()));
        if (upper.keySet().stream().anyMatch(k -> k.equals("CIPHER") || k.equals("ISSUER") || k.equals("SUBJECT"))) {
            upper.remove("SSL");
            upper.remove("X509");
            for (String k : upper.keySet()) {
                if (!k.equals("CIPHER") && !k.equals("ISSUER") && !k.equals("SUBJECT")) {
                    throw new dev.rigger.spi.ModuleException("tls_requires: unknown key " + k + " (SSL, X509, CIPHER, ISSUER, SUBJECT)");
                }
            }
            return new Requires(null, Map.copyOf(upper));
        }
        return new Requires(upper.containsKey("X509") ? "X509" : "SSL", null);
    }

    /** get_tls_requires from SHOW CREATE USER's lines: the words after REQUIRE, NONE as null, else shlex pairs. */
    static Requires current(List<String> createUser) {
        String line = createUser.stream().filter(l -> l.contains("REQUIRE")).findFirst().orElse("");
        Matcher m = REQUIRE.matcher(line);
        String requires = m.find() ? m.group().strip() : "";
        if (requires.startsWith("SSL") || requires.startsWith("X509") || requires.startsWith("NONE")) {
            String w = requires.split("\\s+")[0];
            return w.equals("NONE") ? null : new Requires(w, null);
        }
        List<String> words = shlex(requires);
        if (words.isEmpty()) return null;
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i + 1 < words.size(); i += 2) pairs.put(words.get(i), words.get(i + 1));
        return pairs.isEmpty() ? null : new Requires(null, Map.copyOf(pairs));
    }

    static boolean same(Requires a, Requires b) {
        return a == null ? b == null : a.equals(b);
    }

    /** shlex.split's POSIX words: blanks separate, quotes group, a backslash escapes outside single quotes. */
    static List<String> shlex(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"' && i + 1 < s.length()) w.append(s.charAt(++i));
                else w.append(c);
            } else if (Character.isWhitespace(c)) {
                if (w != null) out.add(w.toString());
                w = null;
            } else {
                if (w == null) w = new StringBuilder();
                if (c == '\'' || c == '"') quote = c;
                else if (c == '\\' && i + 1 < s.length()) w.append(s.charAt(++i));
                else w.append(c);
            }
        }
        if (w != null) out.add(w.toString());
        return out;
    }
}
