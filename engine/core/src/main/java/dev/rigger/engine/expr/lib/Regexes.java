package dev.rigger.engine.expr.lib;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.rigger.engine.expr.eval.EvalException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code re} on RE2/J, which runs in linear time: a pattern is translated from Python's
 * syntax ({@code \Z}, {@code (?#...)}, literal braces, Unicode {@code \d \w \s}) and refused when it
 * needs backtracking (backreferences, lookaround, conditionals, atomic groups). Replacement
 * templates ({@code \1}, {@code \g<name>}) are expanded here, not by RE2/J.
 */
public final class Regexes {
    public static final int IGNORECASE = 1;
    public static final int MULTILINE = 2;
    public static final int DOTALL = 4;
    /** Package use: {@code $} (not multiline) also takes a final newline, for boolean tests. */
    static final int DOLLAR_TAKES_NEWLINE = 8;
    /** Package use: {@code $} (not multiline) as RE2's multiline {@code $}, for a subject whose only newline ends it. */
    static final int DOLLAR_BEFORE_FINAL_NEWLINE = 16;

    private static final int CACHE = 512;
    private static final Map<String, Pattern> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHE;
        }
    };

    private Regexes() {}

    /**
     * Compiles a Python pattern for RE2/J.
     *
     * @param flags {@link #IGNORECASE}, {@link #MULTILINE}, {@link #DOTALL} or'ed
     * @throws EvalException naming what RE2/J cannot do, or Python's syntax error
     */
    public static Pattern compile(String python, int flags) {
        String key = flags + ":" + python;
        synchronized (cache) {
            Pattern p = cache.get(key);
            if (p != null) return p;
        }
        String translated = translate(python, flags);
        int re2Flags = 0;
        if ((flags & IGNORECASE) != 0) re2Flags |= Pattern.CASE_INSENSITIVE;
        if ((flags & MULTILINE) != 0) re2Flags |= Pattern.MULTILINE;
        if ((flags & DOTALL) != 0) re2Flags |= Pattern.DOTALL;
        Pattern p;
        try {
            p = Pattern.compile(translated, re2Flags);
        } catch (PatternSyntaxException e) {
            throw new EvalException("invalid regular expression " + quote(python) + ": " + e.getDescription());
        }
        synchronized (cache) {
            cache.put(key, p);
        }
        return p;
    }

    /**
     * The pattern for one subject: Python's {@code $} also matches before a final newline, which
     * RE2's multiline {@code $} does exactly when that newline is the subject's only one.
     */
    static Pattern forSubject(String python, int flags, String subject) {
        int nl = subject.indexOf('\n');
        boolean onlyFinal = nl >= 0 && nl == subject.length() - 1;
        return compile(python, onlyFinal && python.indexOf('$') >= 0 ? flags | DOLLAR_BEFORE_FINAL_NEWLINE : flags);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        dev.rigger.engine.expr.eval.Py.quote(sb, s);
        return sb.toString();
    }

    static String translate(String py, int flags) {
        StringBuilder out = new StringBuilder(py.length() + 16);
        int n = py.length();
        int i = 0;
        if (py.startsWith("(?")) {
            int close = py.indexOf(')');
            String f = close > 0 ? py.substring(2, close) : "";
            if (!f.isEmpty() && f.chars().allMatch(c -> "aiLmsux".indexOf(c) >= 0)) {
                if (f.indexOf('x') >= 0) py = verbose(py.substring(close + 1));
                else py = py.substring(close + 1);
                String kept = f.replaceAll("[auLx]", "");
                if (f.indexOf('m') >= 0) flags |= MULTILINE;
                if (!kept.isEmpty()) out.append("(?").append(kept).append(')');
                n = py.length();
            }
        }
        boolean inClass = false;
        int classStart = -1;
        while (i < n) {
            char c = py.charAt(i);
            if (c == '\\') {
                i = escape(py, i, inClass, out);
                continue;
            }
            if (inClass) {
                if (c == ']' && i > classStart) {
                    inClass = false;
                    out.append(']');
                } else if (c == '[') {
                    out.append("\\[");
                } else {
                    out.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append('[');
                    i++;
                    if (i < n && py.charAt(i) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i < n && py.charAt(i) == ']') {
                        out.append("\\]");
                        i++;
                    }
                    classStart = i;
                }
                case '(' -> i = group(py, i, out);
                case '{' -> i = brace(py, i, out);
                case '}' -> {
                    out.append("\\}");
                    i++;
                }
                case '$' -> {
                    boolean takesNewline = (flags & DOLLAR_TAKES_NEWLINE) != 0 && (flags & MULTILINE) == 0;
                    boolean beforeFinal = (flags & DOLLAR_BEFORE_FINAL_NEWLINE) != 0 && (flags & MULTILINE) == 0;
                    out.append(takesNewline ? "(?:\\n?\\z)" : beforeFinal ? "(?m:$)" : "$");
                    i++;
                }
                default -> {
                    out.append(c);
                    i++;
                }
            }
        }
        if (inClass) throw new EvalException("invalid regular expression " + quote(py) + ": unterminated character set");
        return out.toString();
    }

    private static int group(String py, int i, StringBuilder out) {
        if (!py.startsWith("(?", i)) {
            out.append('(');
            return i + 1;
        }
        String rest = py.substring(i + 2, Math.min(py.length(), i + 4));
        if (rest.startsWith("P=")) throw refused(py, "a backreference (?P=name)");
        if (rest.startsWith("=") || rest.startsWith("!")) throw refused(py, "a lookahead assertion");
        if (rest.startsWith("<=") || rest.startsWith("<!")) throw refused(py, "a lookbehind assertion");
        if (rest.startsWith(">")) throw refused(py, "an atomic group");
        if (rest.startsWith("(")) throw refused(py, "a conditional group");
        if (rest.startsWith("#")) {
            int close = py.indexOf(')', i);
            if (close < 0) throw new EvalException("invalid regular expression " + quote(py) + ": missing ), unterminated comment");
            return close + 1;
        }
        // (?P<name>, (?:, (?i:...) and the like RE2/J reads as Python does; drop the flags it lacks
        int j = i + 2;
        StringBuilder fl = new StringBuilder();
        while (j < py.length() && "aiLmsux-".indexOf(py.charAt(j)) >= 0) fl.append(py.charAt(j++));
        if (fl.length() > 0 && j < py.length() && (py.charAt(j) == ':' || py.charAt(j) == ')')) {
            if (fl.indexOf("x") >= 0) throw refused(py, "a verbose (?x) group that is not at the start");
            String kept = fl.toString().replaceAll("[auL]", "");
            if (kept.isEmpty() || kept.equals("-")) {
                out.append(py.charAt(j) == ':' ? "(?:" : "");
                return j + 1;
            }
            out.append("(?").append(kept).append(py.charAt(j));
            return j + 1;
        }
        out.append("(?");
        return i + 2;
    }

    /** A Python brace is a quantifier only as {n}, {n,}, {,m} or {n,m}; anything else is literal. */
    private static int brace(String py, int i, StringBuilder out) {
        int j = i + 1;
        int digitsA = 0;
        while (j < py.length() && Character.isDigit(py.charAt(j)) && py.charAt(j) < 128) {
            j++;
            digitsA++;
        }
        String a = py.substring(i + 1, j);
        if (j < py.length() && py.charAt(j) == '}' && digitsA > 0) {
            out.append(py, i, j + 1);
            return j + 1;
        }
        if (j < py.length() && py.charAt(j) == ',') {
            int k = j + 1;
            while (k < py.length() && Character.isDigit(py.charAt(k)) && py.charAt(k) < 128) k++;
            if (k < py.length() && py.charAt(k) == '}') {
                out.append('{').append(a.isEmpty() ? "0" : a).append(py, j, k + 1);
                return k + 1;
            }
        }
        out.append("\\{");
        return i + 1;
    }

    private static int escape(String py, int i, boolean inClass, StringBuilder out) {
        if (i + 1 >= py.length()) throw new EvalException("invalid regular expression " + quote(py) + ": bad escape (end of pattern)");
        char e = py.charAt(i + 1);
        String ws = "\\t\\n\\x0b\\f\\r \\x{1c}-\\x{1f}\\x{85}\\p{Z}";
        switch (e) {
            case 'Z' -> out.append("\\z");
            case 'd' -> out.append("\\p{Nd}");
            case 'D' -> out.append("\\P{Nd}");
            case 'w' -> out.append(inClass ? "\\p{L}\\p{N}_" : "[\\p{L}\\p{N}_]");
            case 'W' -> out.append(inClass ? "\\W" : "[^\\p{L}\\p{N}_]");
            case 's' -> out.append(inClass ? ws : "[" + ws + "]");
            case 'S' -> out.append(inClass ? "\\S" : "[^" + ws + "]");
            case 'b' -> out.append(inClass ? "\\x08" : "\\b");
            case 'u', 'U' -> {
                int len = e == 'u' ? 4 : 8;
                if (i + 2 + len > py.length()) throw new EvalException("invalid regular expression " + quote(py) + ": incomplete escape \\" + e);
                out.append("\\x{").append(py, i + 2, i + 2 + len).append('}');
                return i + 2 + len;
            }
            case 'x' -> {
                if (i + 4 > py.length()) throw new EvalException("invalid regular expression " + quote(py) + ": incomplete escape \\x");
                out.append("\\x{").append(py, i + 2, i + 4).append('}');
                return i + 4;
            }
            default -> {
                if (e >= '0' && e <= '9') return number(py, i, inClass, out);
                out.append('\\').append(e);
            }
        }
        return i + 2;
    }

    /** \0, \012 are octal escapes; \1 .. \99 outside a class are backreferences, which RE2/J cannot do. */
    private static int number(String py, int i, boolean inClass, StringBuilder out) {
        int j = i + 1;
        while (j < py.length() && j < i + 4 && py.charAt(j) >= '0' && py.charAt(j) <= '7') j++;
        String oct = py.substring(i + 1, j);
        boolean octal = py.charAt(i + 1) == '0' || oct.length() == 3 || inClass;
        if (!octal) throw refused(py, "a backreference \\" + py.charAt(i + 1));
        if (oct.isEmpty()) throw new EvalException("invalid regular expression " + quote(py) + ": bad escape \\" + py.charAt(i + 1));
        out.append("\\x{").append(Integer.toHexString(Integer.parseInt(oct, 8))).append('}');
        return j;
    }

    private static String verbose(String py) {
        StringBuilder sb = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < py.length(); i++) {
            char c = py.charAt(i);
            if (c == '\\' && i + 1 < py.length()) {
                sb.append(c).append(py.charAt(++i));
            } else if (inClass) {
                if (c == ']') inClass = false;
                sb.append(c);
            } else if (c == '[') {
                inClass = true;
                sb.append(c);
            } else if (c == '#') {
                while (i < py.length() && py.charAt(i) != '\n') i++;
            } else if (!PyStr.isSpace(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static EvalException refused(String py, String feature) {
        return new EvalException("the regular expression " + quote(py) + " uses " + feature
                + ", which Rigger's linear-time regex engine (RE2) does not support");
    }

    // ---- operations with Python's semantics ----

    /** One match as Python's re.Match shows it: group(0..n), named groups. */
    record Match(List<String> groups, Map<String, Integer> names, int start, int end) {
        String group(int i) {
            return groups.get(i);
        }
    }

    static Match toMatch(Pattern p, Matcher m) {
        List<String> g = new ArrayList<>(m.groupCount() + 1);
        for (int k = 0; k <= m.groupCount(); k++) g.add(m.group(k));
        return new Match(g, p.namedGroups(), m.start(), m.end());
    }

    static Match search(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? toMatch(p, m) : null;
    }

    static Match matchStart(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.lookingAt() ? toMatch(p, m) : null;
    }

    /** Every match as Python's finditer finds them (an empty match right after another match is kept). */
    static List<Match> all(Pattern p, String s, long max, Context ctx) {
        List<Match> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        int pos = 0;
        int lastEmptyAt = -1;
        while (pos <= s.length() && (max < 0 || out.size() < max)) {
            ctx.budget().tick();
            if (!m.find(pos)) break;
            if (m.start() == m.end() && m.start() == lastEmptyAt) {
                if (pos >= s.length()) break;
                pos = pos + 1;
                if (!m.find(pos)) break;
            }
            out.add(toMatch(p, m));
            ctx.budget().charge(1);
            lastEmptyAt = m.end() == m.start() ? m.end() : -1;
            pos = m.end();
        }
        return out;
    }

    /** re.sub(pattern, template, s, count). */
    static String sub(Pattern p, String s, String template, long count, Context ctx) {
        List<Object> parts = parseTemplate(template, p);
        List<Match> matches = all(p, s, count <= 0 ? -1 : count, ctx);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        long size = 0;
        for (Match m : matches) {
            size += m.start() - last;
            for (Object part : parts) size += part instanceof String t ? t.length() : len(m.group((Integer) part));
            last = m.end();
        }
        size += s.length() - last;
        ctx.budget().charge(size);
        last = 0;
        for (Match m : matches) {
            sb.append(s, last, m.start());
            for (Object part : parts) {
                if (part instanceof String t) sb.append(t);
                else if (m.group((Integer) part) != null) sb.append(m.group((Integer) part));
            }
            last = m.end();
        }
        return sb.append(s, last, s.length()).toString();
    }

    private static int len(String s) {
        return s == null ? 0 : s.length();
    }

    /** Python's replacement template: literal text and group numbers. */
    static List<Object> parseTemplate(String t, Pattern p) {
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int groups = p.groupCount();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '\\') {
                lit.append(c);
                continue;
            }
            if (i + 1 >= t.length()) throw new EvalException("bad escape (end of pattern) in replacement " + quote(t));
            char e = t.charAt(++i);
            Integer group = null;
            if (e == 'g') {
                int close = t.indexOf('>', i);
                if (i + 1 >= t.length() || t.charAt(i + 1) != '<' || close < 0) {
                    throw new EvalException("missing group name in replacement " + quote(t));
                }
                String name = t.substring(i + 2, close);
                group = groupRef(name, p, t);
                i = close;
            } else if (e >= '0' && e <= '9') {
                int j = i;
                while (j < t.length() && j < i + 3 && t.charAt(j) >= '0' && t.charAt(j) <= '7') j++;
                if (e == '0' || j - i == 3) {
                    int k = e == '0' ? Math.min(j, i + 3) : j;
                    lit.append((char) Integer.parseInt(t.substring(i, k), 8));
                    i = k - 1;
                    continue;
                }
                int k = i + 1;
                if (k < t.length() && Character.isDigit(t.charAt(k)) && t.charAt(k) < 128) k++;
                group = Integer.parseInt(t.substring(i, k));
                if (group > groups) throw new EvalException("invalid group reference " + group + " in replacement " + quote(t));
                i = k - 1;
            } else {
                String simple = switch (e) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case 'f' -> "\f";
                    case 'v' -> "\u000b";
                    case 'a' -> "\u0007";
                    case 'b' -> "\b";
                    case '\\' -> "\\";
                    default -> null;
                };
                if (simple == null && ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z'))) {
                    throw new EvalException("bad escape \\" + e + " in replacement " + quote(t));
                }
                lit.append(simple != null ? simple : "\\" + e);
                continue;
            }
            if (lit.length() > 0) {
                parts.add(lit.toString());
                lit.setLength(0);
            }
            parts.add(group);
        }
        if (lit.length() > 0) parts.add(lit.toString());
        return parts;
    }

    static int groupRef(String name, Pattern p, String where) {
        if (!name.isEmpty() && name.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            int g = Integer.parseInt(name.length() > 9 ? "999999999" : name);
            if (g > p.groupCount()) throw new EvalException("invalid group reference " + name + " in " + quote(where));
            return g;
        }
        Integer g = p.namedGroups().get(name);
        if (g == null) throw new EvalException("unknown group name '" + name + "' in " + quote(where));
        return g;
    }
}
