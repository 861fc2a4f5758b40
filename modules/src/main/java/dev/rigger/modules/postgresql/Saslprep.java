package dev.rigger.modules.postgresql;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SASLprep (RFC 4013) of a SCRAM password exactly as PostgreSQL's pg_saslprep, which libpq and
 * the server both run, so a verifier computed here is the one they would compute: an ASCII
 * password as it is; otherwise C.1.2 spaces mapped to a space, B.1 mapped to nothing, NFKC. It
 * refuses an empty result, prohibited output (C.1.2-C.9), unassigned code points (A.1) and
 * strings the bidirectional rules (RFC 3454 section 6) forbid; like pg_saslprep it checks the
 * mapped string before normalisation. Where it refuses, libpq and the server key SCRAM with the
 * password's own bytes, and so does {@link #key}.
 */
final class Saslprep {
    private static final int[] B1 = ranges(StringprepTables.B1);
    private static final int[] C12 = ranges(StringprepTables.C12);
    private static final int[] PROHIBITED = ranges(StringprepTables.PROHIBITED);
    private static final int[] A1 = ranges(StringprepTables.A1);
    private static final int[] RAND_AL = ranges(StringprepTables.D1);
    private static final int[] L = ranges(StringprepTables.D2);

    private Saslprep() { }

    /** The bytes SCRAM is keyed with: the prepared password in UTF-8, or the password's own UTF-8 where SASLprep refuses it. */
    static byte[] key(String password) {
        String prepared = prepare(password);
        return (prepared == null ? password : prepared).getBytes(StandardCharsets.UTF_8);
    }

    /** The prepared password, or null where SASLprep refuses it. */
    static String prepare(String password) {
        if (password.chars().allMatch(c -> c < 0x80)) return password;
        int[] mapped = password.codePoints().filter(c -> in(C12, c) || !in(B1, c)).map(c -> in(C12, c) ? ' ' : c).toArray();
        if (mapped.length == 0) return null;
        for (int c : mapped) {
            if (in(PROHIBITED, c) || in(A1, c)) return null;
        }
        if (Arrays.stream(mapped).anyMatch(c -> in(RAND_AL, c))) {
            if (Arrays.stream(mapped).anyMatch(c -> in(L, c))) return null;
            if (!in(RAND_AL, mapped[0]) || !in(RAND_AL, mapped[mapped.length - 1])) return null;
        }
        return Normalizer.normalize(new String(mapped, 0, mapped.length), Normalizer.Form.NFKC);
    }

    /** Whether {@code c} is in a table of {@link #ranges}: a binary search of its first code points. */
    static boolean in(int[] table, int c) {
        int lo = 0;
        int hi = table.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (c < table[2 * mid]) {
                hi = mid - 1;
            } else if (c > table[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** A table's text ({@code 0221 0234-024F}) as first and last code point pairs, in order. */
    static int[] ranges(String text) {
        List<Integer> out = new ArrayList<>();
        for (String word : text.trim().split(" +")) {
            int dash = word.indexOf('-');
            out.add(Integer.parseInt(dash < 0 ? word : word.substring(0, dash), 16));
            out.add(Integer.parseInt(dash < 0 ? word : word.substring(dash + 1), 16));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
