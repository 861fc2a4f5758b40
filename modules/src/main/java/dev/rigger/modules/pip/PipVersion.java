package dev.rigger.modules.pip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 versions as far as specifiers compare them: epoch, release, pre-release (a, b, rc),
 * post and dev numbers; local labels are ignored. An unparsable version compares as text.
 */
final class PipVersion implements Comparable<PipVersion> {
    private static final Pattern V = Pattern.compile(
            "v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\\d*))?"
            + "(?:(?:[-_.]?(?:post|rev|r)[-_.]?(\\d*))|-(\\d+))?(?:[-_.]?dev[-_.]?(\\d*))?(?:\\+[a-z0-9._-]+)?");
    private final int epoch;
    private final List<Long> release;
    /** Pre-release rank: -1 none... see compareTo; dev-only versions sort before pre-releases. */
    private final int preKind;
    private final long pre;
    private final long post;
    private final long dev;

    private PipVersion(int epoch, List<Long> release, int preKind, long pre, long post, long dev) {
        this.epoch = epoch;
        this.release = release;
        this.preKind = preKind;
        this.pre = pre;
        this.post = post;
        this.dev = dev;
    }

    static PipVersion parse(String s) {
        Matcher m = V.matcher(s.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) return null;
        List<Long> rel = new ArrayList<>();
        for (String part : m.group(2).split("\\.")) rel.add(Long.parseLong(part));
        while (rel.size() > 1 && rel.get(rel.size() - 1) == 0) rel.remove(rel.size() - 1);
        int kind = 3;
        long pre = 0;
        if (m.group(3) != null) {
            kind = switch (m.group(3)) { case "a", "alpha" -> 0; case "b", "beta" -> 1; default -> 2; };
            pre = num(m.group(4));
        }
        long post = m.group(5) != null || m.group(6) != null ? 1 + num(m.group(5) != null ? m.group(5) : m.group(6)) : 0;
        long dev = m.group(7) != null ? num(m.group(7)) : Long.MAX_VALUE;
        if (m.group(7) != null && m.group(3) == null && post == 0) kind = -1;
        return new PipVersion(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)), rel, kind, pre, post, dev);
    }

    private static long num(String s) {
        return s == null || s.isEmpty() ? 0 : Long.parseLong(s);
    }

    @Override
    public int compareTo(PipVersion o) {
        int c = Integer.compare(epoch, o.epoch);
        if (c != 0) return c;
        for (int i = 0; i < Math.max(release.size(), o.release.size()); i++) {
            c = Long.compare(i < release.size() ? release.get(i) : 0, i < o.release.size() ? o.release.get(i) : 0);
            if (c != 0) return c;
        }
        c = Integer.compare(preKind, o.preKind);
        if (c == 0) c = Long.compare(pre, o.pre);
        if (c == 0) c = Long.compare(post, o.post);
        if (c == 0) c = Long.compare(dev, o.dev);
        return c;
    }

    /** Whether {@code installed} satisfies {@code op wanted} ({@code ==1.*} prefix matches included). */
    static boolean matches(String installed, String op, String wanted) {
        if (op.equals("===")) return installed.equals(wanted);
        if ((op.equals("==") || op.equals("!=")) && wanted.endsWith(".*")) {
            String prefix = wanted.substring(0, wanted.length() - 2);
            PipVersion i = parse(installed);
            PipVersion p = parse(prefix);
            boolean eq = i != null && p != null && i.epoch == p.epoch && startsWith(i.release, p.release, prefixLength(prefix));
            return op.equals("==") == eq;
        }
        PipVersion a = parse(installed);
        PipVersion b = parse(wanted);
        if (a == null || b == null) return op.equals("==") ? installed.equals(wanted) : op.equals("!=") && !installed.equals(wanted);
        int c = a.compareTo(b);
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case ">=" -> c >= 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case "<" -> c < 0;
            default -> compatible(a, b, wanted);
        };
    }

    /** ~=X.Y.Z: >= X.Y.Z and == X.Y.*. */
    private static boolean compatible(PipVersion a, PipVersion b, String wanted) {
        int n = prefixLength(wanted.replaceAll("[^0-9.].*$", ""));
        return a.compareTo(b) >= 0 && n >= 2 && startsWith(a.release, b.release, n - 1);
    }

    private static int prefixLength(String v) {
        return v.replaceAll("^v?(\\d+!)?", "").split("\\.").length;
    }

    private static boolean startsWith(List<Long> rel, List<Long> prefix, int n) {
        for (int i = 0; i < n; i++) {
            long x = i < rel.size() ? rel.get(i) : 0;
            long y = i < prefix.size() ? prefix.get(i) : 0;
            if (x != y) return false;
        }
        return true;
    }
}
