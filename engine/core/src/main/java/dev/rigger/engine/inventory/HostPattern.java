package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ansible host patterns ({@code hosts:} and {@code --limit}), following ansible.inventory.manager:
 * parts split on {@code ,} (or {@code :} when there is no comma); plain parts are unioned first,
 * then {@code &part} intersected, then {@code !part} excluded; a part is a group or host name,
 * a glob ({@code web-*}), a {@code ~regex} (matched from the start) and may end in a subscript
 * {@code [0]}, {@code [1:3]}. A part matching nothing is a warning, as in Ansible.
 */
final class HostPattern {
    /** A part is characters other than space, ':' and brackets, or a whole [..] (ranges, subscripts). */
    private static final Pattern PART = Pattern.compile("(?:[^\\s:\\[\\]]|\\[[^\\]]*\\])+");
    private static final Pattern SUBSCRIPT = Pattern.compile("^(.+)\\[(?:(-?\\d+)|(\\d+):(\\d*))\\]$");
    /** Names Ansible resolves to an implicit local host when the inventory does not define them. */
    static final Set<String> LOCALHOST = Set.of("localhost", "127.0.0.1", "::1");

    private final Inventory inventory;
    private final Location at;
    private final Diagnostics diags;

    private HostPattern(Inventory inventory, Location at, Diagnostics diags) {
        this.inventory = inventory;
        this.at = at;
        this.diags = diags;
    }

    static List<String> select(Inventory inventory, String pattern, Location at, Diagnostics diags) {
        return new HostPattern(inventory, at, diags).evaluate(pattern == null ? "" : pattern);
    }

    private List<String> evaluate(String pattern) {
        Set<String> result = new LinkedHashSet<>();
        for (String part : ordered(split(pattern))) {
            char op = part.charAt(0);
            String expr = op == '!' || op == '&' ? part.substring(1) : part;
            // An exact host name is taken as is, like Ansible, so names with [ or * need no escaping.
            List<String> matched = inventory.hasHost(expr) ? List.of(expr) : match(expr);
            if (op == '!') result.removeAll(matched);
            else if (op == '&') result.retainAll(matched);
            else result.addAll(matched);
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> names = inventory.hostNames();
        for (int i = 0; i < names.size(); i++) index.put(names.get(i), i);
        List<String> sorted = new ArrayList<>(result);
        sorted.sort(Comparator.comparingInt(h -> index.getOrDefault(h, Integer.MAX_VALUE)));
        return sorted;
    }

    private List<String> split(String pattern) {
        List<String> parts = new ArrayList<>();
        if (pattern.contains(",")) {
            parts.addAll(Arrays.asList(pattern.split(",")));
        } else if (inventory.hasHost(pattern.strip())) {
            parts.add(pattern); // an IPv6 address or host:port style name is one part, not a list
        } else {
            Matcher m = PART.matcher(pattern);
            while (m.find()) parts.add(m.group());
        }
        parts.replaceAll(String::strip);
        parts.removeIf(String::isEmpty);
        return parts;
    }

    /** Unions first, then intersections, then exclusions; only &/! parts means they apply to all. */
    private static List<String> ordered(List<String> parts) {
        List<String> plain = new ArrayList<>();
        List<String> and = new ArrayList<>();
        List<String> not = new ArrayList<>();
        for (String p : parts) (p.startsWith("&") ? and : p.startsWith("!") ? not : plain).add(p);
        if (plain.isEmpty()) plain.add(GroupGraph.ALL);
        List<String> out = new ArrayList<>(plain);
        out.addAll(and);
        out.addAll(not);
        return out;
    }

    private List<String> match(String expr) {
        if (expr.isEmpty()) return List.of();
        Matcher sub = expr.startsWith("~") ? null : SUBSCRIPT.matcher(expr);
        if (sub != null && sub.matches()) return subscript(sub, enumerate(sub.group(1)));
        return enumerate(expr);
    }

    /** Groups named by the pattern, plus hosts when no group matched or the pattern is a glob/regex. */
    private List<String> enumerate(String expr) {
        Pattern p = compile(expr);
        if (p == null) return List.of();
        Set<String> hosts = new LinkedHashSet<>();
        boolean groupMatched = false;
        for (Map.Entry<String, List<String>> g : inventory.groups().entrySet()) {
            if (matches(p, expr, g.getKey())) {
                groupMatched = true;
                hosts.addAll(g.getValue());
            }
        }
        if (!groupMatched || expr.startsWith("~") || expr.matches(".*[.?*\\[].*")) {
            for (String h : inventory.hostNames()) if (matches(p, expr, h)) hosts.add(h);
        }
        if (hosts.isEmpty() && LOCALHOST.contains(expr)) hosts.add(expr);
        if (hosts.isEmpty() && !groupMatched && !expr.equals(GroupGraph.ALL)) {
            diags.warning(at, "Could not match supplied host pattern, ignoring: " + expr);
        }
        return new ArrayList<>(hosts);
    }

    private Pattern compile(String expr) {
        try {
            return Pattern.compile(expr.startsWith("~") ? expr.substring(1) : globToRegex(expr));
        } catch (PatternSyntaxException e) {
            diags.error(at, "invalid host pattern '" + expr + "': " + e.getDescription());
            return null;
        }
    }

    /** Globs must match the whole name; ~regex only from the start (Python's re.match). */
    private static boolean matches(Pattern p, String expr, String name) {
        Matcher m = p.matcher(name);
        return expr.startsWith("~") ? m.lookingAt() : m.matches();
    }

    private List<String> subscript(Matcher sub, List<String> hosts) {
        if (hosts.isEmpty()) return hosts;
        int n = hosts.size();
        if (sub.group(2) != null) {
            int i = Integer.parseInt(sub.group(2));
            int idx = i < 0 ? n + i : i;
            if (idx >= 0 && idx < n) return List.of(hosts.get(idx));
        } else {
            int start = Integer.parseInt(sub.group(3));
            int end = sub.group(4).isEmpty() ? n - 1 : Math.min(n - 1, Integer.parseInt(sub.group(4)));
            if (start <= end) return hosts.subList(start, end + 1);
        }
        diags.warning(at, "subscript in host pattern '" + sub.group() + "' is out of range (" + n + " hosts)");
        return List.of();
    }

    /** Python's fnmatch.translate: * any run, ? one char, [seq] and [!seq] classes, the rest literal. */
    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            int close = c == '[' ? glob.indexOf(']', i + 2) : -1;
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (close > 0) {
                String set = glob.substring(i + 1, close);
                if (set.startsWith("!")) set = "^" + set.substring(1);
                else if (set.startsWith("^")) set = "\\" + set;
                re.append('[').append(set.replace("[", "\\[")).append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
