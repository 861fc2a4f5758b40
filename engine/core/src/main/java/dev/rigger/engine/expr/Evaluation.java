package dev.rigger.engine.expr;

import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.eval.Budget;
import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Evaluator;
import dev.rigger.engine.expr.lib.Library;
import java.nio.file.Path;
import java.util.Map;

/** One evaluation's evaluator, and the translation of its failures into located errors. */
final class Evaluation {
    private Evaluation() {}

    static Evaluator start(Map<String, Object> scope) {
        Object dir = scope.get("playbook_dir");
        Path base = dir instanceof String s && !s.isEmpty() ? Path.of(s) : null;
        return new Evaluator(Library.standard(), Budget.standard(), scope, base, PipeLookup.allowed(), searchPath(scope));
    }

    /** The task's {@code ansible_search_path} (set by the executor), where lookups look before the playbook's folder. */
    private static java.util.List<Path> searchPath(Map<String, Object> scope) {
        java.util.List<Path> out = new java.util.ArrayList<>();
        if (scope.get("ansible_search_path") instanceof java.util.List<?> l) {
            for (Object o : l) if (o instanceof String s && !s.isEmpty()) out.add(Path.of(s));
        }
        return out;
    }

    /** Where in a possibly multi-line text {@code offset} is, from the text's own location. */
    static Location locate(Location base, String text, int offset) {
        if (offset < 0 || base == Location.NONE) return base;
        int nl = text.lastIndexOf('\n', Math.min(offset, text.length()) - 1);
        if (nl < 0) return base.shifted(offset);
        int line = base.line();
        for (int k = 0; k <= nl; k++) if (text.charAt(k) == '\n') line++;
        return new Location(base.file(), line, offset - nl);
    }

    /**
     * A failure that is none of ours (a bug in a filter met by an input nobody thought of):
     * still a located error for the user, never a stack trace, and named as ours to fix.
     */
    static ExpressionException internal(RuntimeException e, Location base, String text) {
        return new ExpressionException(base, "internal error in '" + brief(text) + "' ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "); please report it");
    }

    static ExpressionException error(EvalException e, Location base, String text) {
        return new ExpressionException(locate(base, text, e.offset()), e.getMessage() + " in '" + brief(text) + "'");
    }

    /** The source in a message: one line, at most 120 characters. */
    static String brief(String text) {
        String one = text.strip().replaceAll("\\s*\\n\\s*", " ");
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }
}
