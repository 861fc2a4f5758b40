package dev.rigger.modules.packages;

/**
 * RPM's version ordering ({@code rpmvercmp}): digits compare as numbers, letters as text, a
 * {@code ~} sorts before everything (pre-releases), a {@code ^} after the end but before
 * anything else (snapshots). Needed to tell an upgrade from a downgrade without asking rpm.
 */
final class RpmVersion {
    private RpmVersion() { }

    static int compare(String a, String b) {
        if (a.equals(b)) return 0;
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            i = skipSeparators(a, i);
            j = skipSeparators(b, j);
            char x = at(a, i);
            char y = at(b, j);
            if (x == '~' || y == '~') {
                if (x != '~') return 1;
                if (y != '~') return -1;
                i++;
                j++;
                continue;
            }
            if (x == '^' || y == '^') {
                if (x == 0) return -1;
                if (y == 0) return 1;
                if (x != '^') return 1;
                if (y != '^') return -1;
                i++;
                j++;
                continue;
            }
            if (x == 0 || y == 0) break;
            boolean numeric = Character.isDigit(x);
            int ei = segmentEnd(a, i, numeric);
            int ej = segmentEnd(b, j, numeric);
            if (ej == j) return numeric ? 1 : -1;
            int c = compareSegment(a.substring(i, ei), b.substring(j, ej), numeric);
            if (c != 0) return c;
            i = ei;
            j = ej;
        }
        if (i >= a.length() && j >= b.length()) return 0;
        return i >= a.length() ? -1 : 1;
    }

    private static int compareSegment(String x, String y, boolean numeric) {
        if (numeric) {
            x = x.replaceFirst("^0+", "");
            y = y.replaceFirst("^0+", "");
            if (x.length() != y.length()) return x.length() > y.length() ? 1 : -1;
        }
        return Integer.signum(x.compareTo(y));
    }

    private static int skipSeparators(String s, int i) {
        while (i < s.length() && !isAlnum(s.charAt(i)) && s.charAt(i) != '~' && s.charAt(i) != '^') i++;
        return i;
    }

    private static int segmentEnd(String s, int i, boolean numeric) {
        while (i < s.length() && (numeric ? isDigit(s.charAt(i)) : isAlpha(s.charAt(i)))) i++;
        return i;
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static boolean isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

    private static boolean isAlnum(char c) { return isDigit(c) || isAlpha(c); }
}
