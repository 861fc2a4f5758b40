package dev.rigger.engine.expr.lib;

import com.google.re2j.Pattern;
import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import java.util.ArrayList;
import java.util.List;

/** regex_replace, regex_search, regex_findall, regex_escape, and the match/search/regex tests. */
final class RegexFilters {
    private RegexFilters() {}

    private static final String SPECIAL = "()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f";

    static void register(Registry r) {
        r.filter(RegexFilters::replace, "regex_replace");
        r.filter(RegexFilters::search, "regex_search");
        r.filter(RegexFilters::findall, "regex_findall");
        r.filter(RegexFilters::escape, "regex_escape");
        r.test((v, a, c) -> test(v, a, "match"), "match");
        r.test((v, a, c) -> test(v, a, "search"), "search");
        r.test((v, a, c) -> test(v, a, Vals.str(a.get(4, "match_type", "search"))), "regex");
    }

    static int flags(Object ignorecase, Object multiline) {
        int f = 0;
        if (Py.truthy(ignorecase)) f |= Regexes.IGNORECASE;
        if (Py.truthy(multiline)) f |= Regexes.MULTILINE;
        return f;
    }

    static Object replace(Object in, Args a, Context c) {
        String value = Vals.str(in);
        String pattern = Vals.str(a.get(0, "pattern", ""));
        String replacement = Vals.str(a.get(1, "replacement", ""));
        Pattern p = Regexes.forSubject(pattern, flags(a.get(2, "ignorecase", false), a.get(3, "multiline", false)), value);
        return Regexes.sub(p, value, replacement, 0, c);
    }

    static Object search(Object in, Args a, Context c) {
        String value = Vals.str(in);
        String pattern = Vals.str(a.get(0, "regex", null));
        List<Object> groups = new ArrayList<>();
        for (Object arg : a.positional().subList(Math.min(1, a.positional().size()), a.positional().size())) {
            String s = Vals.requireStr(arg, "a regex_search group argument");
            if (s.startsWith("\\g")) {
                if (!s.startsWith("\\g<") || s.indexOf('>') < 4) throw new EvalException("regex_search: bad group argument " + Py.repr(s));
                groups.add(s.substring(3, s.indexOf('>')));
            } else if (s.startsWith("\\") && s.length() > 1 && Character.isDigit(s.charAt(1))) {
                int j = 1;
                while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
                groups.add(Long.parseLong(s.substring(1, Math.min(j, 10))));
            } else {
                throw new EvalException("Unknown argument");
            }
        }
        Pattern p = Regexes.forSubject(pattern, flags(a.named().get("ignorecase"), a.named().get("multiline")), value);
        Regexes.Match m = Regexes.search(p, value);
        if (m == null) return null;
        if (groups.isEmpty()) return m.group(0);
        List<Object> out = new ArrayList<>();
        for (Object g : groups) {
            int idx = g instanceof Long l ? (int) Math.min(l, Integer.MAX_VALUE) : Regexes.groupRef((String) g, p, pattern);
            if (idx > p.groupCount()) throw new EvalException("no such group: " + g);
            out.add(m.group(idx));
        }
        return out;
    }

    static Object findall(Object in, Args a, Context c) {
        String value = Vals.str(in);
        String pattern = Vals.str(a.get(0, "regex", null));
        Pattern p = Regexes.forSubject(pattern, flags(a.get(2, "ignorecase", false), a.get(1, "multiline", false)), value);
        List<Object> out = new ArrayList<>();
        for (Regexes.Match m : Regexes.all(p, value, -1, c)) {
            int n = p.groupCount();
            if (n == 0) out.add(m.group(0));
            else if (n == 1) out.add(orEmpty(m.group(1)));
            else {
                List<Object> tuple = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) tuple.add(orEmpty(m.group(i)));
                out.add(tuple);
            }
        }
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static Object escape(Object in, Args a, Context c) {
        String s = Vals.str(in);
        String type = Vals.str(a.get(0, "re_type", "python"));
        String special = switch (type) {
            case "python" -> SPECIAL;
            case "posix_basic" -> "].[^$*\\";
            case "posix_extended" -> throw new EvalException("Regex type (posix_extended) not yet implemented");
            default -> throw new EvalException("Invalid regex type (" + type + ")");
        };
        StringBuilder sb = new StringBuilder(s.length() * 2);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (special.indexOf(ch) >= 0) sb.append('\\');
            sb.append(ch);
        }
        Vals.charge(c, sb.length());
        return sb.toString();
    }

    static boolean test(Object v, Args a, String matchType) {
        String value = Vals.str(v);
        String pattern = Vals.str(a.get(0, "pattern", ""));
        int f = flags(a.get(1, "ignorecase", false), a.get(2, "multiline", false));
        return switch (matchType) {
            case "search" -> Regexes.search(Regexes.compile(pattern, f | Regexes.DOLLAR_TAKES_NEWLINE), value) != null;
            case "match" -> Regexes.matchStart(Regexes.compile(pattern, f | Regexes.DOLLAR_TAKES_NEWLINE), value) != null;
            case "fullmatch" -> Regexes.compile(pattern, f).matcher(value).matches();
            default -> Regexes.search(Regexes.compile(pattern, f | Regexes.DOLLAR_TAKES_NEWLINE), value) != null;
        };
    }
}
