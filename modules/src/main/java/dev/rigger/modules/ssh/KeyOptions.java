package dev.rigger.modules.ssh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options before a key ({@code from="10.0.0.1",no-pty}) as ansible.posix.authorized_key's
 * {@code parseoptions} and {@code keydict} hold them: in the order written, a name may repeat, and
 * two sets are equal when each name has the same values in the same order (names in any order).
 */
final class KeyOptions {
    /** Ansible's split: runs of anything but commas and quotes, or quoted strings; commas between. */
    private static final Pattern PART = Pattern.compile("(?:[^,\"']|\"[^\"]*\"|'[^']*')+");

    private final List<Map.Entry<String, String>> items;

    private KeyOptions(List<Map.Entry<String, String>> items) {
        this.items = items;
    }

    /** Ansible's parseoptions: {@code text} may be null (no options). */
    static KeyOptions parse(String text) {
        List<Map.Entry<String, String>> items = new ArrayList<>();
        if (text == null || text.isEmpty()) return new KeyOptions(items);
        // re.split with a group, less its first and last pieces: the matches and what lies between them
        List<String> parts = new ArrayList<>();
        Matcher m = PART.matcher(text);
        int end = -1;
        while (m.find()) {
            if (end >= 0) parts.add(text.substring(end, m.start()));
            parts.add(m.group());
            end = m.end();
        }
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq >= 0) items.add(new java.util.AbstractMap.SimpleEntry<>(part.substring(0, eq), part.substring(eq + 1)));
            else if (!part.equals(",")) items.add(new java.util.AbstractMap.SimpleEntry<>(part, null));
        }
        return new KeyOptions(items);
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** {@code name} or {@code name=value}, joined by commas. */
    String render() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : items) out.add(e.getValue() == null ? e.getKey() : e.getKey() + "=" + e.getValue());
        return String.join(",", out);
    }

    private Map<String, List<String>> byName() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : items) m.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyOptions other && byName().equals(other.byName());
    }

    @Override
    public int hashCode() {
        return byName().hashCode();
    }

    @Override
    public String toString() {
        return render();
    }
}
