package dev.rigger.engine.report;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces known secret values in any text bound for the console, logs or reports. Every
 * printer goes through one instance, so a secret learnt late (a rendered secret parameter) is
 * masked everywhere from then on.
 */
public final class Masker {
    public static final String MASK = "********";
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    public void add(String secret) {
        if (secret != null && secret.length() >= 3 && !secrets.contains(secret)) {
            secrets.add(secret);
            secrets.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    public void addAll(Collection<String> values) {
        values.forEach(this::add);
    }

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) return text;
        String out = text;
        for (String s : secrets) out = out.replace(s, MASK);
        return out;
    }
}
