package dev.rigger.modules.packages;

import java.util.Comparator;

/**
 * Debian version order, as dpkg compares {@code [epoch:]upstream[-revision]}: epochs as numbers,
 * then upstream and revision each by alternating runs of non-digits (letters before other
 * characters, {@code ~} before everything, even the end) and digits (as numbers).
 */
final class DebVersion {
    static final Comparator<String> ORDER = DebVersion::compare;

    private DebVersion() { }

    static int compare(String a, String b) {
        int c = Long.compare(epoch(a), epoch(b));
        if (c != 0) return c;
        String[] x = upstreamAndRevision(a);
        String[] y = upstreamAndRevision(b);
        c = compareParts(x[0], y[0]);
        return c != 0 ? c : compareParts(x[1], y[1]);
    }

    private static long epoch(String v) {
        int colon = v.indexOf(':');
        if (colon <= 0) return 0;
        try {
            return Long.parseLong(v.substring(0, colon));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String[] upstreamAndRevision(String v) {
        String rest = v.substring(v.indexOf(':') + 1);
        int dash = rest.lastIndexOf('-');
        return dash < 0 ? new String[] {rest, ""} : new String[] {rest.substring(0, dash), rest.substring(dash + 1)};
    }

    private static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i))) || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) return Integer.compare(ac, bc);
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') i++;
            while (j < b.length() && b.charAt(j) == '0') j++;
            while (i < a.length() && Character.isDigit(a.charAt(i)) && j < b.length() && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) firstDiff = a.charAt(i) - b.charAt(j);
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) return 1;
            if (j < b.length() && Character.isDigit(b.charAt(j))) return -1;
            if (firstDiff != 0) return Integer.signum(firstDiff);
        }
        return 0;
    }

    /** dpkg's weight of one non-digit character: ~ lowest, then the end, letters, the rest. */
    private static int order(char c) {
        if (Character.isLetter(c)) return c;
        if (c == '~') return -1;
        return c + 256;
    }
}
