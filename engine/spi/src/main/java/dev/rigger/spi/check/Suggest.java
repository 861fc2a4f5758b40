package dev.rigger.spi.check;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * "Did you mean" for misspelt names: the closest known name within a small edit distance. The
 * engine's messages use it, and a module may for its own.
 */
public final class Suggest {
    private Suggest() { }

    /**
     * Within one edit for short words, two for longer ones (a typo, not another word).
     *
     * @param word  the name as written
     * @param known the names it may have meant
     * @return the closest known name (ties: the first in alphabetical order), or empty when none is close
     */
    public static Optional<String> closest(String word, Collection<String> known) {
        int limit = word.length() <= 3 ? 1 : 2;
        return known.stream()
                .filter(k -> distance(word, k) <= limit)
                .min(Comparator.comparingInt((String k) -> distance(word, k)).thenComparing(k -> k));
    }

    /**
     * The hint to append to a message.
     *
     * @param word  the name as written
     * @param known the names it may have meant
     * @return {@code " (did you mean 'x'?)"}, or {@code ""} when no known name is close
     */
    public static String hint(String word, Collection<String> known) {
        return closest(word, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
    }

    /**
     * Levenshtein distance.
     *
     * @param a one word
     * @param b another
     * @return the fewest single-character insertions, deletions and substitutions from {@code a} to {@code b}
     */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
