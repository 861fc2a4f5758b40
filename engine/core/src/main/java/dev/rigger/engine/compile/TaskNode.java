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

    @Override
    public String toString() {
        return label() + "#" + index;
    }
}
