package dev.rigger.engine.report;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.rigger.engine.expr.eval.Py;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces known secret values in any text bound for the console, logs or reports. Every
 * printer goes through one instance, so a secret learnt late (a rendered secret parameter) is
 * masked everywhere from then on.
 *
 * <p>A message that describes a value may have cut it short ({@code 'abc...'}) before any printer
 * saw it, and a cut secret no longer matches: so the start of a secret right before an ellipsis
 * is masked too, however few of its characters are left. Secrets under three characters are not
 * masked (they would mask every such word); {@link #unmaskable()} counts them so the run can say so.
 */
public final class Masker {
    public static final String MASK = "********";
    private static final int SHORTEST = 3;
    private static final String[] CUT_MARKS = {"...", "\u2026"};
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final Set<String> tooShort = ConcurrentHashMap.newKeySet();

    public synchronized void add(String secret) {
        if (secret == null || secret.isEmpty()) return;
        if (secret.length() < SHORTEST) {
            tooShort.add(secret);
            return;
        }
        addForms(secret);
        // printers mask diffs and outputs line by line: each line of a multi-line secret is one too
        if (secret.indexOf('\n') >= 0) {
            for (String line : secret.split("\r?\n")) if (line.strip().length() >= SHORTEST) addForms(line.strip());
        }
        secrets.sort(Comparator.comparingInt(String::length).reversed());
    }

    /** The secret, and as it reads inside a repr, a JSON string and a shell word. */
    private void addForms(String secret) {
        for (String form : quotedForms(secret)) if (!secrets.contains(form)) secrets.add(form);
    }

    public void addAll(Collection<String> values) {
        values.forEach(this::add);
    }

    /**
     * Every value below {@code tree} (maps, lists) is a secret: strings and numbers; booleans
     * and values not known yet are not.
     */
    public void addLeaves(Object tree) {
        if (tree instanceof Map<?, ?> m) {
            m.values().forEach(this::addLeaves);
        } else if (tree instanceof Collection<?> c) {
            c.forEach(this::addLeaves);
        } else if (tree instanceof CharSequence || tree instanceof Number) {
            add(tree.toString());
        }
    }

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) return text;
        String out = text;
        for (String s : secrets) out = out.replace(s, MASK);
        for (String cut : CUT_MARKS) out = maskCutBefore(out, cut);
        return out;
    }

    /** The secret as it reads inside a repr ({@code 'it\\'s'}), a JSON string and a single-quoted shell word. */
    private static List<String> quotedForms(String secret) {
        StringBuilder repr = new StringBuilder();
        Py.quote(repr, secret);
        String json = new String(JsonStringEncoder.getInstance().quoteAsString(secret));
        // inside ShellQuote's single quotes (the report sits below exec and cannot call it)
        String shell = secret.replace("'", "'\\''");
        return List.of(secret, repr.substring(1, repr.length() - 1), json, shell, secret.replace("\0", "\\0"));
    }

    /** How many distinct secret values were too short to mask. */
    public int unmaskable() {
        return tooShort.size();
    }

    /** The longest start of any secret that ends right where {@code cut} begins, masked. */
    private String maskCutBefore(String text, String cut) {
        int at = text.indexOf(cut);
        if (at < 0) return text;
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (; at >= 0; at = text.indexOf(cut, at + cut.length())) {
            int longest = 0;
            for (String s : secrets) {
                for (int k = Math.min(s.length() - 1, at - copied); k > longest; k--) {
                    if (text.regionMatches(at - k, s, 0, k)) {
                        longest = k;
                        break;
                    }
                }
            }
            if (longest == 0) continue;
            out.append(text, copied, at - longest).append(MASK);
            copied = at;
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }
}
