package dev.rigger.spi.check;

import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Rule;
import java.util.List;
import java.util.Map;

/**
 * Checks a spec's {@link Rule}s over bound values (defaults filled in). A value still
 * {@link ParamBinder#DEFERRED} counts as given; a rule that it decides (the {@code param} of
 * required-if or only-if) waits for the rendered value, checked again before planning.
 */
final class Rules {
    private Rules() { }

    static void check(String who, ParamSpec spec, Map<String, Object> out, List<ParamBinder.Problem> problems) {
        for (Rule r : spec.rules()) {
            if (r instanceof Rule.RequiredIf ri) requiredIf(who, ri, out, problems);
            else if (r instanceof Rule.RequiredTogether rt) together(who, rt, out, problems);
            else if (r instanceof Rule.RequiredBy rb) requiredBy(who, rb, out, problems);
            else if (r instanceof Rule.OnlyIf oi) onlyIf(who, oi, out, problems);
            else if (r instanceof Rule.Refused rf && out.get(rf.param()) != null) {
                problems.add(new ParamBinder.Problem(rf.param(), who + ": " + rf.describe()));
            }
        }
    }

    private static void requiredIf(String who, Rule.RequiredIf ri, Map<String, Object> out, List<ParamBinder.Problem> problems) {
        if (!is(out, ri.param(), ri.value())) return;
        List<String> missing = missing(out, ri.required());
        boolean broken = ri.any() ? missing.size() == ri.required().size() : !missing.isEmpty();
        if (broken) problems.add(new ParamBinder.Problem(ri.param(), who + ": " + ri.describe() + missingNote(ri.any(), missing)));
    }

    private static void together(String who, Rule.RequiredTogether rt, Map<String, Object> out, List<ParamBinder.Problem> problems) {
        List<String> missing = missing(out, rt.together());
        if (missing.isEmpty() || missing.size() == rt.together().size()) return;
        String given = rt.together().stream().filter(n -> !missing.contains(n)).findFirst().orElseThrow();
        problems.add(new ParamBinder.Problem(given, who + ": " + String.join(", ", rt.together())
                + " go together (missing: " + String.join(", ", missing) + ")"));
    }

    private static void requiredBy(String who, Rule.RequiredBy rb, Map<String, Object> out, List<ParamBinder.Problem> problems) {
        if (out.get(rb.param()) == null) return;
        List<String> missing = missing(out, rb.required());
        if (!missing.isEmpty()) problems.add(new ParamBinder.Problem(rb.param(), who + ": " + rb.describe() + missingNote(false, missing)));
    }

    private static void onlyIf(String who, Rule.OnlyIf oi, Map<String, Object> out, List<ParamBinder.Problem> problems) {
        Object v = out.get(oi.param());
        if (v == ParamBinder.DEFERRED || is(out, oi.param(), oi.value())) return;
        for (String n : oi.allowed()) {
            if (out.get(n) == null) continue;
            problems.add(new ParamBinder.Problem(n, who + ": " + n + " is only for " + oi.param() + "=" + oi.value()
                    + " (" + oi.param() + (v == null ? " is not given)" : " is " + v + ")")));
        }
    }

    /** Whether {@code param}'s known value is {@code value}, compared as text (true, a choice word, a number). */
    private static boolean is(Map<String, Object> out, String param, Object value) {
        Object v = out.get(param);
        return v != null && v != ParamBinder.DEFERRED && String.valueOf(v).equals(String.valueOf(value));
    }

    private static List<String> missing(Map<String, Object> out, List<String> names) {
        return names.stream().filter(n -> out.get(n) == null).toList();
    }

    private static String missingNote(boolean any, List<String> missing) {
        return any && missing.size() > 1 ? "" : " (missing: " + String.join(", ", missing) + ")";
    }
}
