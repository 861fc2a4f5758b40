package dev.rigger.modules.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What an attacker puts in a parameter: shell syntax that creates the canary file if anything
 * ever hands the value to a shell, and values that break naive code (NUL, newlines, 100 KB,
 * non-ASCII, option-like words, paths into the trap). The canary's name is drawn per run, so a
 * file left by another test or an earlier run is never mistaken for one.
 */
final class Hostile {
    /** An executable that creates the canary: a value that reaches exec as a path (../ into it) shows. */
    static final String TRAP = "/tmp/rigger-trap/run";
    static final int LONG = 100 * 1024;

    final String name;
    final String canary;
    final List<String> fragments;
    /** For values that are not paths: climb to / and land in the sandbox or the trap, never elsewhere. */
    final List<String> traversals;

    Hostile(String id) {
        name = "rgcanary-" + id;
        canary = "/tmp/" + name;
        String t = "touch " + canary;
        fragments = List.of("'", "\"", "$(" + t + ")", "`" + t + "`", ";" + t, "; " + t + ";", "&& " + t, "|| " + t,
                "| " + t, "\n" + t + "\n", "\r\n" + t, "'; " + t + "; '", "\"; " + t + "; \"", "$(touch${IFS}" + canary + ")",
                "${IFS}" + t, ">" + canary, "& " + t + " &", "\0", "\\", "*", "?", "~", "%s", "%n", "{{ x }}", "\t", " ",
                "\u00e9 \u2713 \ud834\udd1e \u202e \ufeff", "\ud800", "-rf", "--help", "--output=" + canary, "-o" + canary,
                "--log-file=" + canary, "touch " + name, TRAP, "-exec " + TRAP + " ;");
        traversals = List.of("../../../../../../../../tmp/rigger-fuzz/esc", "../../../../../../../../tmp/rigger-trap/run");
    }

    String any(SplittableRandom rnd) {
        if (rnd.nextInt(8) == 0) return traversals.get(rnd.nextInt(traversals.size()));
        return fragments.get(rnd.nextInt(fragments.size()));
    }

    /** About 100 KB: the value repeated with fragments between, past any fixed-size buffer. */
    String huge(String base, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(LONG + 200);
        while (sb.length() < LONG) sb.append(base.isEmpty() ? "x" : base).append(any(rnd));
        return sb.toString();
    }
}
