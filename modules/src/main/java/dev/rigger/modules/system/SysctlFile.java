package dev.rigger.modules.system;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a sysctl.conf-style file and the edits the sysctl module makes to it, as Ansible
 * does: the first line setting the key is replaced (kept as it is when its value already
 * matches), later duplicates are dropped, a missing key is appended as {@code key=value};
 * comments and every other line stay untouched.
 */
record SysctlFile(String text) {

    /** The value the file sets for {@code key} (the last one wins, as for sysctl -p), or null. */
    String valueOf(String key) {
        String found = null;
        for (String line : lines()) {
            String v = value(line, key);
            if (v != null) found = v;
        }
        return found;
    }

    String withValue(String key, String value) {
        List<String> out = new ArrayList<>();
        boolean placed = false;
        for (String line : lines()) {
            String v = value(line, key);
            if (v == null) {
                out.add(line);
            } else if (!placed) {
                out.add(same(v, value) ? line : key + "=" + value);
                placed = true;
            }
        }
        if (!placed) out.add(key + "=" + value);
        return join(out);
    }

    String without(String key) {
        return join(lines().stream().filter(l -> value(l, key) == null).toList());
    }

    /** Compares values as sysctl does: words separated by any whitespace. */
    static boolean same(String a, String b) {
        return String.join(" ", a.strip().split("\\s+")).equals(String.join(" ", b.strip().split("\\s+")));
    }

    /** The value a line sets for {@code key}; a leading '-' (ignore errors) is allowed. */
    private static String value(String line, String key) {
        String t = line.strip();
        if (t.startsWith("#") || t.startsWith(";")) return null;
        if (t.startsWith("-")) t = t.substring(1).strip();
        int eq = t.indexOf('=');
        if (eq < 0 || !t.substring(0, eq).strip().replace('/', '.').equals(key)) return null;
        return t.substring(eq + 1).strip();
    }

    private List<String> lines() {
        if (text.isEmpty()) return List.of();
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }

    private static String join(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
