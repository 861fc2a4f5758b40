package dev.rigger.engine.report;

import dev.rigger.engine.compile.ExecutionGraph;

/**
 * What the executor tells the outside world while it runs; the engine itself never prints.
 * Called from many host threads at once: implementations must be thread-safe.
 */
public interface RunListener {
    default void runStarted(ExecutionGraph graph, boolean check) { }

    default void taskStarted(String host, String task) { }

    default void taskFinished(TaskResult result) { }

    default void runFinished(RunResult result) { }
}
