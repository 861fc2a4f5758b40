package dev.rigger.engine.compile;

/**
 * One task on one host: a vertex of the run's DAG.
 *
 * @param index    position in the host's own order (tasks keep their written order per host)
 * @param handler  true for a handler flush, which runs only when a notifier changed
 */
public record TaskNode(String host, int index, CompiledTask task, boolean handler) {

    /** {@code host/task name}, as shown in cycles, graphs and reports. */
    public String label() {
        return host + "/" + task.name();
    }

    /**
     * A node is its host and place: the record's own equality would hash the whole compiled
     * task (its YAML, play, arguments) on every map lookup, which a run does thousands of times.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof TaskNode n && n.index == index && n.handler == handler && n.host.equals(host);
    }

    @Override
    public int hashCode() {
        return host.hashCode() * 31 + index * 2 + (handler ? 1 : 0);
    }

    @Override
    public String toString() {
        return label() + "#" + index;
    }
}
