package dev.rigger.engine.plan;

import dev.rigger.engine.report.TaskResult;
import java.util.List;
import java.util.Map;

/**
 * A plan as plain data, written by {@code rigger plan -o} and applied by {@code rigger apply}:
 * what it was made from, the options that shaped it, and every task's planned result with the
 * fingerprint of its change. Secrets in diffs are masked; fingerprints are digests.
 *
 * @param inputs   file -> SHA-256 of every input (see {@link PlanInputs})
 * @param options  the command line that made it: inventory, playbooks, extra vars, limit, tags
 * @param fingerprintKey the hex key of the tasks' {@link Fingerprint}s, random per plan: apply
 *                 fingerprints its fresh plan with it to compare; without it they reveal nothing
 */
public record SavedPlan(int format, String rigger, String createdAt, Map<String, String> inputs,
                        Options options, List<TaskResult> tasks, String fingerprintKey) {

    /** 2: fingerprints keyed (HMAC) and over structured steps; a plan of format 1 is refused, plan again. */
    public static final int FORMAT = 2;

    /**
     * The options a plan is applied with, so the operator does not retype (or mistype) them.
     * {@code secretVars} ({@code --secret-var}) is null in plans made before it existed.
     */
    public record Options(String inventory, List<String> playbooks, Map<String, Object> extraVars, String limit,
                          List<String> tags, List<String> skipTags, List<String> modules, List<String> secretVars) { }

    public SavedPlan {
        inputs = Map.copyOf(inputs);
        tasks = List.copyOf(tasks);
    }

    public byte[] key() {
        return java.util.HexFormat.of().parseHex(fingerprintKey);
    }
}
