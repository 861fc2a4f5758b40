package dev.rigger.engine.report;

import java.util.List;

/**
 * What the executor tells the outside world while it runs; the engine itself never prints.
 * Called from many host threads at once: implementations must be thread-safe.
 */
public interface RunListener {
    default void runStarted(RunShape shape, boolean check) { }

    default void taskStarted(String host, String task) { }

    default void taskFinished(TaskResult result) { }

    default void runFinished(RunResult result) { }

    /** One command sent to {@code host} and answered (probes or a step): when it started ({@link System#nanoTime}) and how long it took. */
    default void roundTrip(String host, long startNanos, long durationNanos) { }

    /** Tells each of {@code listeners} in turn. */
    static RunListener all(RunListener... listeners) {
        List<RunListener> ls = List.of(listeners);
        return new RunListener() {
            @Override
            public void runStarted(RunShape shape, boolean check) {
                ls.forEach(l -> l.runStarted(shape, check));
            }

            @Override
            public void taskStarted(String host, String task) {
                ls.forEach(l -> l.taskStarted(host, task));
            }

            @Override
            public void taskFinished(TaskResult result) {
                ls.forEach(l -> l.taskFinished(result));
            }

            @Override
            public void runFinished(RunResult result) {
                ls.forEach(l -> l.runFinished(result));
            }

            @Override
            public void roundTrip(String host, long startNanos, long durationNanos) {
                ls.forEach(l -> l.roundTrip(host, startNanos, durationNanos));
            }
        };
    }
}
