package dev.rigger.modules.files;

import dev.rigger.modules.PythonText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ini_file's edit of a file's lines, ported from community.general 6.6's do_ini line by line
 * (including its stand-in section around the lines before the first header and its search for
 * the last non-blank, non-comment line of a section), so the resulting bytes are Ansible's.
 */
final class IniEdit {
    /** The header Ansible puts above the file so that options without a section have one. */
    private static final String TOP = "ad01e11446efb704fcdbdb21f2c43757423d91c5";
    private static final Pattern BLANK_OR_COMMENT = Pattern.compile("^[ \\t]*([#;].*)?$", Pattern.UNIX_LINES);

    record Result(String text, boolean changed, String msg) { }

    private final String section;
    private final String option;
    private final List<String> values;
    private final boolean present;
    private final boolean exclusive;
    private final String format;
    private final boolean allowNoValue;

    IniEdit(String section, String option, List<String> values, boolean present, boolean exclusive,
            boolean noExtraSpaces, boolean allowNoValue) {
        this.section = section == null || section.isEmpty() ? TOP : section;
        this.option = option;
        this.values = values;
        this.present = present;
        this.exclusive = exclusive;
        this.format = noExtraSpaces ? "%s=%s\n" : "%s = %s\n";
        this.allowNoValue = allowNoValue;
    }

    /** Python's readlines of a file opened as utf-8-sig text: BOM dropped, \r\n and \r read as \n. */
    static List<String> readLines(String text) {
        return PythonText.readLines(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    Result apply(List<String> fileLines) {
        List<String> vals = new ArrayList<>();
        for (String v : values) if (v != null && !vals.contains(v)) vals.add(v);
        List<String> lines = new ArrayList<>(fileLines);
        boolean changed = false;
        if (lines.isEmpty()) lines.add("\n");
        int lastIdx = lines.size() - 1;
        if (!lines.get(lastIdx).endsWith("\n")) {
            lines.set(lastIdx, lines.get(lastIdx) + "\n");
            changed = true;
        }
        lines.add(0, "[" + TOP + "]");
        lines.add("[");

        boolean within = false;
        int start = 0;
        int end = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("[" + section + "]")) {
                within = true;
                start = i;
            } else if (line.startsWith("[") && within) {
                end = i;
                break;
            }
        }
        List<String> before = new ArrayList<>(lines.subList(0, start));
        List<String> sec = new ArrayList<>(lines.subList(start, end));
        List<String> after = new ArrayList<>(lines.subList(end, lines.size()));
        List<Boolean> edited = new ArrayList<>();
        for (int i = 0; i < sec.size(); i++) edited.add(false);
        String msg = "OK";
        boolean noValuePresent = false;

        if (present && option != null) {
            for (int i = 0; i < sec.size(); i++) {
                Matcher m = matchOpt(sec.get(i), false);
                if (m == null) continue;
                if (!vals.isEmpty() && vals.contains(m.group(6))) {
                    String matched = m.group(6);
                    String newline;
                    if (matched.isEmpty() && allowNoValue) {
                        newline = option + "\n";
                        noValuePresent = true;
                    } else {
                        newline = String.format(format, option, matched);
                    }
                    if (!sec.get(i).equals(newline)) {
                        changed = true;
                        msg = "option changed";
                    }
                    sec.set(i, newline);
                    edited.set(i, true);
                    vals.remove(matched);
                } else if (vals.isEmpty() && allowNoValue) {
                    String newline = option + "\n";
                    if (!sec.get(i).equals(newline)) {
                        changed = true;
                        msg = "option changed";
                    }
                    sec.set(i, newline);
                    edited.set(i, true);
                    noValuePresent = true;
                    break;
                }
            }
        }
        if (present && exclusive && !allowNoValue) {
            if (!vals.isEmpty()) {
                for (int i = 0; i < sec.size(); i++) {
                    if (edited.get(i) || matchOpt(sec.get(i), false) == null) continue;
                    String newline = String.format(format, option, vals.remove(0));
                    if (!sec.get(i).equals(newline)) {
                        changed = true;
                        msg = "option changed";
                    }
                    sec.set(i, newline);
                    edited.set(i, true);
                    if (vals.isEmpty()) break;
                }
            }
            for (int i = sec.size() - 1; i > 0; i--) {   // index 0 is the section's header: never removed
                if (!edited.get(i) && matchOpt(sec.get(i), false) != null) {
                    sec.remove(i);
                    edited.remove(i);
                    changed = true;
                    msg = "option changed";
                }
            }
        }
        if (present) {
            // new lines go after the section's last line that is neither blank nor a comment
            for (int i = sec.size(); i > 0; i--) {
                if (BLANK_OR_COMMENT.matcher(sec.get(i - 1)).lookingAt()) continue;
                if (option != null && !vals.isEmpty()) {
                    for (int k = vals.size() - 1; k >= 0; k--) sec.add(i, String.format(format, option, vals.get(k)));
                    msg = "option added";
                    changed = true;
                } else if (option != null && vals.isEmpty() && allowNoValue && !noValuePresent && values.isEmpty()) {
                    // only when no value was asked for: Ansible also adds the bare option after a
                    // value it has just matched, and again each run until the bare line is there
                    sec.add(i, option + "\n");
                    msg = "option added";
                    changed = true;
                }
                break;
            }
        }
        if (!present) {
            if (option != null) {
                List<String> kept = new ArrayList<>();
                for (String line : sec) {
                    Matcher m = matchOpt(line, true);
                    boolean drop = m != null && (exclusive || vals.contains(m.group(6)));
                    if (!drop) kept.add(line);
                }
                if ((exclusive || !vals.isEmpty()) && !kept.equals(sec)) {
                    changed = true;
                    msg = "option changed";
                    sec = kept;
                }
            } else if (!sec.isEmpty()) {
                sec = new ArrayList<>();
                msg = "section removed";
                changed = true;
            }
        }

        List<String> out = new ArrayList<>(before);
        out.addAll(sec);
        out.addAll(after);
        out.remove(0);
        out.remove(out.size() - 1);
        if (!within && present) {
            out.add("[" + section + "]\n");
            msg = "section and option added";
            if (option != null && !vals.isEmpty()) {
                for (String v : vals) out.add(String.format(format, option, v));
            } else if (option != null && allowNoValue) {
                out.add(option + "\n");
            } else {
                msg = "only section added";
            }
            changed = true;
        }
        return new Result(String.join("", out), changed, msg);
    }

    /** Ansible's match_opt (a commented-out option too) or, {@code active}, match_active_opt; null when the line is not the option. */
    private Matcher matchOpt(String line, boolean active) {
        if (option == null) return null;
        String p = (active ? "" : "[#;]?") + "( |\\t)*(" + Pattern.quote(option) + ")( |\\t)*(=|$)( |\\t)*(.*)";
        Matcher m = Pattern.compile(p, Pattern.UNIX_LINES).matcher(line);
        return m.lookingAt() ? m : null;
    }
}
