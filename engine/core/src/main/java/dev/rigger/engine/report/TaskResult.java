package dev.rigger.engine.report;

import dev.rigger.spi.Diff;
import java.util.List;

/**
 * One task's outcome on one host.
 *
 * @param message  why it failed, was skipped or is unknown; empty otherwise
 * @param changes  the before/after records (planned in check mode, made in apply)
 * @param output   command output worth showing (e.g. a failed command's stderr), already masked
 */
public record TaskResult(String host, int index, String task, String module, Status status,
                         List<Diff> changes, String message, String output, long durationMs) {
    public TaskResult {
        changes = List.copyOf(changes);
    }
}
