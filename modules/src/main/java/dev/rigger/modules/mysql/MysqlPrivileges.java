package dev.rigger.modules.mysql;

import dev.rigger.spi.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Privileges as community.mysql's user.py reads them: {@link #unpack} the task's
 * 'db.*:SELECT,INSERT/other.*:ALL' into {quoted object: [privileges]} (privileges_unpack), and
 * {@link #granted} the lines of SHOW GRANTS into the same form (privileges_get). Privilege words
 * and objects become words of GRANT and REVOKE, so both are checked to be what they claim.
 */
final class MysqlPrivileges {
    private static final Pattern GRANT_LINE = Pattern.compile(
            "GRANT (.+) ON (.+) TO (['`\"]).*\\3@(['`\"]).*\\4( IDENTIFIED BY PASSWORD (['`\"]).+\\6)? ?(.*)");
    private static final Pattern ROLE_LINE = Pattern.compile("GRANT (.+) TO (['`\"]).*");
    /** A privilege: words of capitals and spaces, optionally with a column list (no quotes, semicolons or comments). */
    private static final Pattern PRIVILEGE = Pattern.compile("[A-Z][A-Z _]*(\\s*\\([^()'\"`;\\\\#/*-]*\\))?");
    private static final Pattern COLUMNS = Pattern.compile("\\s*\\(.*\\)");

    private MysqlPrivileges() { }

    /** The priv parameter: a string, or a mapping of object to privileges (convert_priv_dict_to_str). */
    static String text(Object priv) {
        if (priv instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, v) -> parts.add(k + ":" + v));
            return String.join("/", parts);
        }
        return priv.toString();
    }

    /** privileges_unpack; {@code ansi}: the server quotes identifiers with '"'. */
    static Map<String, List<String>> unpack(String priv, boolean ansi, boolean ensureUsage) {
        String quote = ansi ? "\"" : "`";
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String item : priv.strip().split("/")) {
            String piece = item.strip();
            int colon = piece.lastIndexOf(':');
            if (colon < 0) throw new ModuleException("invalid privileges string: " + item + " (expected object:privileges)");
            String object = piece.substring(0, colon);
            String privs = piece.substring(colon + 1);
            out.put(object(object, quote), privileges(privs));
        }
        if (ensureUsage && !out.containsKey("*.*")) out.put("*.*", List.of("USAGE"));
        return out;
    }

    private static String object(String object, String quote) {
        String type = "";
        String rest = object;
        String[] typed = object.split(" ", 2);
        if (typed.length > 1 && (typed[0].equals("FUNCTION") || typed[0].equals("PROCEDURE"))) {
            type = typed[0] + " ";
            rest = typed[1];
        }
        int dot = rest.lastIndexOf('.');
        List<String> sides = dot < 0 ? List.of(rest) : List.of(rest.substring(0, dot), rest.substring(dot + 1));
        List<String> quoted = new ArrayList<>();
        for (String side : sides) {
            String bare = strip(side, '`');
            if (bare.equals("*")) {
                quoted.add(side);
                continue;
            }
            if (bare.contains("`") || bare.contains(quote) || bare.contains("\0")) {
                throw new ModuleException("invalid privileges string: object " + object + " holds a quote character");
            }
            quoted.add(quote + bare + quote);
        }
        return type + String.join(".", quoted);
    }

    private static List<String> privileges(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        List<String> list = upper.contains("(") ? List.of(upper.split(",\\s*(?=[^)]*(?:\\(|$))")) : List.of(upper.split(",", -1));
        for (String p : list) {
            if (!PRIVILEGE.matcher(p.strip()).matches()) throw new ModuleException("invalid privileges string: " + text + " (privilege " + p + ")");
        }
        return normalizeColumns(list);
    }

    /** privileges_get: SHOW GRANTS lines; role grants skipped, WITH GRANT OPTION as GRANT, ALL PRIVILEGES as ALL. */
    static Map<String, List<String>> granted(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = GRANT_LINE.matcher(line);
            if (!m.lookingAt()) {
                if (ROLE_LINE.matcher(line).lookingAt()) continue;
                throw new ModuleException("unable to parse the MySQL grant string: " + line);
            }
            List<String> privs = new ArrayList<>();
            for (String p : m.group(1).split(",")) privs.add(p.strip().equals("ALL PRIVILEGES") ? "ALL" : p.strip());
            privs = new ArrayList<>(normalizeColumns(privs));
            if (m.group(7).contains("WITH GRANT OPTION")) privs.add("GRANT");
            out.computeIfAbsent(m.group(2), k -> new ArrayList<>()).addAll(privs);
        }
        return out;
    }

    /** normalize_col_grants: 'SELECT (`b`', '`a`)' joined into 'SELECT (`a`, `b`)' with the columns sorted. */
    static List<String> normalizeColumns(List<String> privs) {
        List<String> out = new ArrayList<>();
        StringBuilder open = null;
        for (String p : privs) {
            if (open != null) {
                open.append(", ").append(p.strip());
                if (p.contains(")")) {
                    out.add(sortColumns(open.toString()));
                    open = null;
                }
            } else if (p.contains("(") && !p.contains(")")) {
                open = new StringBuilder(p.strip());
            } else {
                out.add(p.contains("(") ? sortColumns(p.strip()) : p.strip());
            }
        }
        if (open != null) out.add(open.toString());
        return out;
    }

    private static String sortColumns(String priv) {
        int open = priv.indexOf('(');
        String name = priv.substring(0, open).strip();
        TreeSet<String> cols = new TreeSet<>();
        for (String c : priv.substring(open + 1, priv.lastIndexOf(')')).split(",")) cols.add(c.strip());
        return name + " (" + String.join(", ", cols) + ")";
    }

    /** The privilege names without column lists, for messages. */
    static String bare(String priv) {
        return COLUMNS.matcher(priv).replaceAll("");
    }

    private static String strip(String s, char c) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == c) a++;
        while (b > a && s.charAt(b - 1) == c) b--;
        return s.substring(a, b);
    }
}
