package dev.rigger.engine.compile;

import java.util.ArrayList;
import java.util.List;

/** A play's hosts cut into {@code serial} batches, exactly as Ansible's PlaybookExecutor cuts them. */
final class SerialBatches {
    private SerialBatches() { }

    /**
     * @param serial counts and "N%" percentages (of all the play's hosts, at least 1); the last
     *               repeats; empty, or a size of 0: every remaining host in one batch
     */
    static List<List<String>> of(List<Object> serial, List<String> hosts) {
        List<Object> sizes = serial.isEmpty() ? List.of(0) : serial;
        List<List<String>> out = new ArrayList<>();
        int next = 0;
        int item = 0;
        while (next < hosts.size()) {
            int size = size(sizes.get(item), hosts.size());
            int end = size <= 0 ? hosts.size() : Math.min(hosts.size(), next + size);
            out.add(List.copyOf(hosts.subList(next, end)));
            next = end;
            item = Math.min(item + 1, sizes.size() - 1);
        }
        return out;
    }

    /** Ansible's pct_to_int: a percentage rounds down, but never below 1. */
    private static int size(Object v, int all) {
        if (v instanceof String s && s.endsWith("%")) {
            int n = (int) (Integer.parseInt(s.substring(0, s.length() - 1)) / 100.0 * all);
            return n == 0 ? 1 : n;
        }
        return (Integer) v;
    }
}
