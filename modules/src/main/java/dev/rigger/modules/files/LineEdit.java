package dev.rigger.modules.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lineinfile's rules on a file's lines (each with its terminator), ported from Ansible's
 * {@code present}/{@code absent} so the same task gives the same file. Pure: lines in, lines out.
 *
 * @param regexp      lines to replace (the last match, or the first with firstMatch); null for none
 * @param search      a literal string instead of regexp; null for none
 * @param insertAfter null, "EOF", "BOF" or a regexp (then {@code anchor} is it compiled)
 * @param insertBefore null, "BOF" or a regexp (then {@code anchor} is it compiled)
 */
record LineEdit(String line, Pattern regexp, String search, String insertAfter, String insertBefore,
                Pattern anchor, boolean firstMatch, boolean backrefs) {

    /** The lines with {@code line} present: replacing the regexp's match, or inserted. */
    List<String> present(List<String> in) {
        List<String> lines = new ArrayList<>(in);
        int found = -1;
        int insertAt = -1;
        Matcher match = null;
        for (int i = 0; i < lines.size() && (regexp != null || search != null); i++) {
            Matcher m = regexp == null ? null : regexp.matcher(lines.get(i));
            if (m != null ? m.find() : lines.get(i).contains(search)) {
                found = i;
                match = m;
                if (firstMatch) break;
            }
        }
        // Ansible: insertafter/insertbefore count only when regexp/search_string found nothing.
        if (found < 0) {
            for (int i = 0; i < lines.size(); i++) {
                if (line.equals(strip(lines.get(i)))) {
                    found = i;
                } else if (anchor != null && anchor.matcher(lines.get(i)).find()) {
                    insertAt = insertAfter != null ? i + 1 : i;
                    if (firstMatch) break;
                }
            }
        }
        if (found >= 0) {
            lines.set(found, withNewline(backrefs && match != null ? PyRegex.expand(match, line) : line));
        } else if (backrefs) {
            return lines; // no match to take the groups from: Ansible leaves the file alone
        } else if ("BOF".equals(insertBefore) || "BOF".equals(insertAfter)) {
            lines.add(0, line + "\n");
        } else if ("EOF".equals(insertAfter) || insertAt < 0) {
            appendLine(lines);
        } else if (insertAfter != null) {
            boolean atEnd = insertAt == lines.size();
            if (!line.equals(strip(lines.get(atEnd ? insertAt - 1 : insertAt)))) {
                if (atEnd) appendLine(lines); else lines.add(insertAt, line + "\n");
            }
        } else {
            lines.add(insertAt, line + "\n");
        }
        return lines;
    }

    /** The lines without those matching regexp, search or equal to line. */
    List<String> absent(List<String> in) {
        return in.stream().filter(l -> !matches(l)).toList();
    }

    private boolean matches(String l) {
        if (regexp != null) return regexp.matcher(l).find();
        if (search != null) return l.contains(search);
        return line.equals(strip(l));
    }

    /** Appends the line, first ending an unterminated last line so the two do not merge. */
    private void appendLine(List<String> lines) {
        int last = lines.size() - 1;
        if (last >= 0 && !lines.get(last).endsWith("\n") && !lines.get(last).endsWith("\r")) {
            lines.set(last, lines.get(last) + "\n");
        }
        lines.add(line + "\n");
    }

    private static String withNewline(String l) {
        return l.endsWith("\n") ? l : l + "\n";
    }

    private static String strip(String l) {
        int end = l.length();
        while (end > 0 && (l.charAt(end - 1) == '\n' || l.charAt(end - 1) == '\r')) end--;
        return l.substring(0, end);
    }
}
