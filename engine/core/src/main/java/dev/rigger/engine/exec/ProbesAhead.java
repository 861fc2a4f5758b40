package dev.rigger.engine.exec;

import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers fetched ahead for a host's coming tasks: all at the start in one round trip, and
 * later the next task's along with any round trip the current task makes. Each answer is
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
    private boolean nextSudo;
    private List<Probe> next = List.of();

    /**
     * Records {@code results} for {@code distinct}, each usable as often as it occurs in {@code wanted}
     * more (a probe answered already keeps the uses it had, now with the newer answer).
     */
    synchronized void put(boolean sudo, List<Probe> distinct, List<ProbeResult> results, List<Probe> wanted) {
        for (int i = 0; i < distinct.size(); i++) {
            Answer had = answers.get(new Key(sudo, distinct.get(i)));
            answers.put(new Key(sudo, distinct.get(i)), new Answer(results.get(i), had == null ? 0 : had.uses));
        }
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

    /** What the task after the current one will ask first: worth a ride on the next round trip. */
    synchronized void expectNext(boolean sudo, List<Probe> probes) {
        nextSudo = sudo;
        next = List.copyOf(probes);
    }

    /**
     * The expected probes to add to a round trip made as {@code sudo} for {@code asked}: those
     * not answered already and not asked now (a module that polls must never get an answer
     * older than its last question).
     */
    synchronized List<Probe> riders(boolean sudo, List<Probe> asked) {
        if (next.isEmpty() || sudo != nextSudo) return List.of();
        List<Probe> r = new ArrayList<>();
        for (Probe p : next) {
            if (!asked.contains(p) && !answers.containsKey(new Key(sudo, p))) r.add(p);
        }
        return r;
    }
}
