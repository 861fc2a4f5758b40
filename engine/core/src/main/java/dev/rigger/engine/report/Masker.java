package dev.rigger.engine.report;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces known secret values in any text bound for the console, logs or reports. Every
 * printer goes through one instance, so a secret learnt late (a rendered secret parameter) is
 * masked everywhere from then on.
 */
public final class Masker {
    public static final String MASK = "********";
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    public synchronized void add(String secret) {
        if (secret == null || secret.length() < 3 || secrets.contains(secret)) return;
        secrets.add(secret);
        // printers mask diffs and outputs line by line: each line of a multi-line secret is one too
        if (secret.indexOf('\n') >= 0) for (String line : secret.split("\r?\n")) add(line.strip());
        secrets.sort(Comparator.comparingInt(String::length).reversed());
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
        return out;
    }
}
