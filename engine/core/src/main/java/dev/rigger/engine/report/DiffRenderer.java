package dev.rigger.engine.report;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.rigger.spi.Diff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shows a {@link Diff} as an operator reads it: a unified diff for text with several lines,
 * {@code before -> after} for single values, {@code would run: ...} for commands.
 */
public final class DiffRenderer {
    private DiffRenderer() { }

    public static List<String> render(Diff d) {
        List<String> out = new ArrayList<>();
        switch (d.action()) {
            case RUN -> out.add("! would run: " + d.subject());
            case DELETE -> out.add("- " + d.subject() + (d.before() == null || multiline(d.before()) ? "" : " (" + d.before() + ")"));
            default -> {
                if (multiline(d.before()) || multiline(d.after())) {
                    out.add(d.action().symbol() + " " + d.subject());
                    out.addAll(unified(d));
                } else if (d.before() == null && d.after() == null) {
                    out.add(d.action().symbol() + " " + d.subject());
                } else if (d.action() == Diff.Action.CREATE) {
                    out.add("+ " + d.subject() + (d.after() == null || d.after().isEmpty() ? "" : " = " + d.after()));
                } else {
                    out.add("~ " + d.subject() + ": " + d.before() + " -> " + d.after());
                }
            }
        }
        return out;
    }

    private static boolean multiline(String s) {
        return s != null && s.indexOf('\n') >= 0;
    }

    /** Lines of a text; a final newline ends the last line rather than starting an empty one. */
    private static List<String> lines(String s) {
        if (s == null || s.isEmpty()) return List.of();
        String t = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        return Arrays.asList(t.split("\n", -1));
    }

    private static List<String> unified(Diff d) {
        List<String> before = lines(d.before());
        List<String> after = lines(d.after());
        var patch = DiffUtils.diff(before, after);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("before", "after", before, patch, 3);
        List<String> out = new ArrayList<>();
        for (String l : lines) out.add("    " + l);
        return out;
    }
}
