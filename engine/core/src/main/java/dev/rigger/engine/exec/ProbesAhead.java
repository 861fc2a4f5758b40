package dev.rigger.engine.exec;

import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers fetched ahead for a host's coming tasks, all in one round trip. Each answer is
 * served as many times as tasks asked for it ahead, never more (a module that polls must see
 * the host live), and all are dropped as soon as anything runs on the host that may change it.
 */
final class ProbesAhead {
    private record Key(boolean sudo, Probe probe) { }

    private static final class Answer {
        final ProbeResult result;
        int uses;

        Answer(ProbeResult result, int uses) {
            this.result = result;
            this.uses = uses;
        }
    }

    private final Map<Key, Answer> answers = new HashMap<>();

    /** Records {@code results} for {@code distinct}, each usable as often as it occurs in {@code wanted}. */
    synchronized void put(boolean sudo, List<Probe> distinct, List<ProbeResult> results, List<Probe> wanted) {
        for (int i = 0; i < distinct.size(); i++) answers.put(new Key(sudo, distinct.get(i)), new Answer(results.get(i), 0));
        for (Probe p : wanted) answers.get(new Key(sudo, p)).uses++;
    }

    /** The answers for all of {@code probes}, or null (and nothing used) when any is missing. */
    synchronized List<ProbeResult> take(boolean sudo, List<Probe> probes) {
        if (answers.isEmpty()) return null;
        Map<Key, Integer> need = new HashMap<>();
        for (Probe p : probes) need.merge(new Key(sudo, p), 1, Integer::sum);
        for (Map.Entry<Key, Integer> e : need.entrySet()) {
            Answer a = answers.get(e.getKey());
            if (a == null || a.uses < e.getValue()) return null;
        }
        List<ProbeResult> out = new ArrayList<>(probes.size());
        for (Probe p : probes) {
            Answer a = answers.get(new Key(sudo, p));
            out.add(a.result);
            if (--a.uses == 0) answers.remove(new Key(sudo, p));
        }
        return out;
    }

    synchronized void clear() {
        answers.clear();
    }
}
