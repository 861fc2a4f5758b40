package dev.rigger.engine.compile;

import dev.rigger.spi.Module;
import java.util.List;
import java.util.Map;

/**
 * A play's {@code gather_facts}, narrowed to what the run reads: the {@code setup} module with the
 * play's {@code gather_subset} and, as its {@code filter}, the {@code ansible_*} names any task,
 * handler, rule or variable of the run reads ({@code *} when a read can reach every fact:
 * {@code ansible_facts}, {@code vars}, a whole {@code hostvars[h]}). A play whose run reads no fact
 * has none: gathering then costs nothing.
 */
public record FactGathering(String play, List<String> hosts, Module setup, List<String> subset, List<String> filter) {
    public FactGathering {
        hosts = List.copyOf(hosts);
        subset = List.copyOf(subset);
        filter = List.copyOf(filter);
    }

    /** The setup module's arguments. */
    public Map<String, Object> args() {
        return Map.of("gather_subset", subset, "filter", filter);
    }
}
