package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Host name patterns as inventories write them: {@code node[01:20]}, {@code db-[a:c]},
 * {@code web[1:9:2]} (with step), several ranges in one name, and a {@code host:port} suffix.
 * Mirrors ansible.inventory.helpers expand_hostname_range, errors included.
 */
final class HostRanges {
    /** Refuse absurd ranges that would only exhaust memory. */
    private static final int MAX_HOSTS = 100_000;
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** Names from one pattern, and the port given as {@code :port}, or null. */
    record Expanded(List<String> names, Integer port) {}

    private HostRanges() {}

    /** Expands {@code pattern} written at {@code at}; reports and returns empty when malformed. */
    static Optional<Expanded> expand(String pattern, Location at, Diagnostics diags) {
        String name = pattern;
        Integer port = null;
        int colon = portColon(pattern);
        if (colon > 0) {
            name = pattern.substring(0, colon);
            port = Integer.valueOf(pattern.substring(colon + 1));
        }
        List<String> out = new ArrayList<>();
        String error = expandInto(name, out);
        if (error != null) {
            diags.error(at.shifted(Math.max(0, name.indexOf('['))), error + " in host pattern '" + pattern + "'");
            return Optional.empty();
        }
        return Optional.of(new Expanded(out, port));
    }

    /** Index of a {@code :digits} suffix outside brackets; -1 when absent or the name looks like IPv6. */
    private static int portColon(String s) {
        int depth = 0;
        int last = -1;
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c == ':' && depth == 0) { last = i; count++; }
        }
        if (count != 1 || last == s.length() - 1) return -1;
        String digits = s.substring(last + 1);
        return digits.length() <= 5 && digits.chars().allMatch(Character::isDigit) ? last : -1;
    }

    /** Appends every name of {@code name} to {@code out}; returns an error message or null. */
    private static String expandInto(String name, List<String> out) {
        int open = name.indexOf('[');
        if (open < 0) {
            out.add(name);
            return null;
        }
        int close = name.indexOf(']', open);
        if (close < 0) return "unclosed '['";
        String head = name.substring(0, open);
        String tail = name.substring(close + 1);
        List<String> seq = new ArrayList<>();
        String error = sequence(name.substring(open + 1, close), seq);
        if (error != null) return error;
        for (String item : seq) {
            error = expandInto(head + item + tail, out);
            if (error != null) return error;
            if (out.size() > MAX_HOSTS) return "host range expands to more than " + MAX_HOSTS + " hosts";
        }
        return null;
    }

    private static String sequence(String range, List<String> seq) {
        String[] b = range.split(":", -1);
        if (b.length != 2 && b.length != 3) return "host range must be begin:end or begin:end:step";
        String beg = b[0].isEmpty() ? "0" : b[0];
        String end = b[1];
        if (end.isEmpty()) return "host range must specify end value";
        int step;
        try {
            step = b.length == 3 ? Integer.parseInt(b[2]) : 1;
        } catch (NumberFormatException e) {
            return "host range step must be a number";
        }
        if (step < 1) return "host range step must be positive";
        int iBeg = beg.length() == 1 ? LETTERS.indexOf(beg) : -1;
        int iEnd = end.length() == 1 ? LETTERS.indexOf(end) : -1;
        if (iBeg >= 0 && iEnd >= 0) {
            if (iBeg > iEnd) return "host range must have begin <= end";
            for (int i = iBeg; i <= iEnd; i += step) seq.add(String.valueOf(LETTERS.charAt(i)));
            return null;
        }
        return numbers(beg, end, step, seq);
    }

    private static String numbers(String beg, String end, int step, List<String> seq) {
        boolean padded = beg.length() > 1 && beg.charAt(0) == '0';
        if (padded && beg.length() != end.length()) {
            return "host range must specify equal-length begin and end formats";
        }
        long from;
        long to;
        try {
            from = Long.parseLong(beg);
            to = Long.parseLong(end);
        } catch (NumberFormatException e) {
            return "host range bounds must be numbers or single letters";
        }
        if (from > to) return "host range must have begin <= end";
        if ((to - from) / step > MAX_HOSTS) return "host range expands to more than " + MAX_HOSTS + " hosts";
        String format = padded ? "%0" + beg.length() + "d" : "%d";
        for (long i = from; i <= to; i += step) seq.add(String.format(format, i));
        return null;
    }
}
