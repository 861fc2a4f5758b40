package dev.rigger.engine.report;

import dev.rigger.spi.Diff;
import java.util.List;

/**
 * One task's outcome on one host.
 *
 * @param message  why it failed, was skipped or is unknown; empty otherwise
 * @param changes  the before/after records (planned in check mode, made in apply)
 * @param output      command output worth showing (e.g. a failed step's stdout, then stderr), already masked
 * @param fingerprint digest of what was planned (status, diffs, steps): equal digests mean the
 *                    same plan; a saved plan is applied only while it still matches
 */
public record TaskResult(String host, int index, String task, String module, Status status,
                         List<Diff> changes, String message, String output, long durationMs, String fingerprint) {
    public TaskResult {
        changes = List.copyOf(changes);
    }

    public TaskResult(String host, int index, String task, String module, Status status,
                      List<Diff> changes, String message, String output, long durationMs) {
        this(host, index, task, module, status, changes, message, output, durationMs, "");
    }
}
