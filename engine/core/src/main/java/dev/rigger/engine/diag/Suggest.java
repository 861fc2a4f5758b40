package dev.rigger.engine.diag;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for misspelt names: the closest known name within a small edit distance. */
public final class Suggest {
    private Suggest() { }

    /** Within one edit for short words, two for longer ones (a typo, not another word). */
    public static Optional<String> closest(String word, Collection<String> known) {
        int limit = word.length() <= 3 ? 1 : 2;
        return known.stream()
                .filter(k -> distance(word, k) <= limit)
                .min(Comparator.comparingInt((String k) -> distance(word, k)).thenComparing(k -> k));
    }

    /** " (did you mean 'x'?)" or "". */
    public static String hint(String word, Collection<String> known) {
        return closest(word, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
    }

    /** Levenshtein distance. */
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
