package dev.rigger.modules.selinux;

import java.util.List;
import java.util.regex.Pattern;

/**
 * /etc/selinux/config as ansible.posix.selinux (1.5.4) reads and edits it: the first
 * {@code SELINUX=} and {@code SELINUXTYPE=} lines give the state and the policy (the text between
 * the first and a second '=', stripped); an edit rewrites every line ending with a line end,
 * replacing each such line, or appends one when there is none.
 */
final class SelinuxConfig {
    static final Pattern STATE = Pattern.compile("^SELINUX=.*");
    static final Pattern POLICY = Pattern.compile("^SELINUXTYPE=.*");

    private SelinuxConfig() { }

    /** Ansible's get_file_lines: the content's lines (none for empty or blank content). */
    static List<String> lines(String text) {
        if (text == null || text.isEmpty()) return List.of();
        return text.lines().toList();
    }

    /** The value of the first line {@code key} matches, or null. */
    static String value(String text, Pattern key) {
        for (String line : lines(text)) {
            if (key.matcher(line).matches()) {
                String[] parts = line.split("=", -1);
                return parts[1].strip();
            }
        }
        return null;
    }

    /** Every line written back, those {@code key} matches replaced by {@code line}; appended when none did. */
    static String with(String text, Pattern key, String line) {
        StringBuilder b = new StringBuilder();
        boolean found = false;
        for (String l : lines(text)) {
            if (key.matcher(l).matches()) {
                found = true;
                l = line;
            }
            b.append(l).append('\n');
        }
        if (!found) b.append(line).append('\n');
        return b.toString();
    }
}
