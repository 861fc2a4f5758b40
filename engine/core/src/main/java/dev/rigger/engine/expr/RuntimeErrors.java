package dev.rigger.engine.expr;

import dev.rigger.engine.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns what MVEL throws while evaluating into an {@link ExpressionException} in the user's terms. */
final class RuntimeErrors {
    private RuntimeErrors() {}

    static RuntimeException translate(RuntimeException e, String source, Location at,
                                      List<AccessPath> paths, Map<String, Object> scope) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UnknownValueException u) return u;
            if (c instanceof ExpressionException x) return x;
        }
        if (isMissingValue(e)) {
            for (AccessPath path : paths) {
                Optional<String> why = path.findMissing(scope);
                if (why.isPresent()) return new ExpressionException(at, why.get() + " in '" + source + "'");
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof ClassCastException) {
            return new ExpressionException(at, "wrong type of value in '" + source + "': " + shortTypes(root.getMessage()));
        }
        return new ExpressionException(at, "cannot evaluate '" + source + "': " + mvelMessage(root));
    }

    private static boolean isMissingValue(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof StrictViews.MissingEntryException) return true;
            String m = String.valueOf(c.getMessage());
            if (m.contains("could not access") || m.contains("unresolvable property") || m.contains("null pointer")) {
                return true;
            }
        }
        return false;
    }

    /** MVEL messages look like "[Error: what]\n[Near : ...]"; keep the "what". */
    static String mvelMessage(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        for (int start = m.indexOf("[Error: "); start >= 0; start = m.indexOf("[Error: ")) {
            m = m.substring(start + 8);
            int end = m.indexOf("]\n");
            m = end >= 0 ? m.substring(0, end) : m.replaceAll("]\\s*$", "");
        }
        int newline = m.indexOf('\n');
        return newline >= 0 ? m.substring(0, newline) : m;
    }

    /** "class java.lang.Integer cannot be cast to class java.lang.Boolean (...)" -> "Integer cannot be cast to Boolean". */
    private static String shortTypes(String message) {
        if (message == null) return "type mismatch";
        return message.replaceAll("\\s*\\(.*\\)$", "").replaceAll("class (\\w+\\.)*(\\w+)", "$2");
    }
}
