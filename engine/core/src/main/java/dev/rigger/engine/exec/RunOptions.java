package dev.rigger.engine.exec;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run: check mode, parallelism, limits and host-key policy.
 *
 * @param forks          how many hosts work at once
 * @param taskTimeout    a command running longer is killed and its task fails
 * @param knownHosts     known_hosts file (null: the inventory's or ~/.ssh/known_hosts)
 * @param refused        hosts not to touch, with why (a saved plan they drifted from)
 * @param retries        more attempts for a connection that fails, with backoff
 * @param becomePassword sudo's password for {@code become} where no {@code ansible_become_password}
 *                       variable gives one ({@code --become-password-file}), or null
 * @param fingerprintKey the key of the changes' fingerprints (a saved plan's, to compare with it), or
 *                       null: a fresh one for this run
 * @param savedPlan      the tasks of a saved plan each task must still plan to apply (see
 *                       {@link SavedPlanCheck}), or null
 */
public record RunOptions(boolean check, int forks, Duration taskTimeout, Duration connectTimeout,
                         Path knownHosts, boolean acceptNewHostKeys, java.util.Map<String, String> refused, int retries,
                         String becomePassword, byte[] fingerprintKey,
                         java.util.List<dev.rigger.engine.report.TaskResult> savedPlan) {

    public RunOptions {
        refused = java.util.Map.copyOf(refused);
        fingerprintKey = fingerprintKey == null ? null : fingerprintKey.clone();
        savedPlan = savedPlan == null ? null : java.util.List.copyOf(savedPlan);
    }

    public RunOptions(boolean check, int forks, Duration taskTimeout, Duration connectTimeout,
                      Path knownHosts, boolean acceptNewHostKeys, java.util.Map<String, String> refused, int retries,
                      String becomePassword) {
        this(check, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, refused, retries, becomePassword, null, null);
    }

    public RunOptions(boolean check, int forks, Duration taskTimeout, Duration connectTimeout,
                      Path knownHosts, boolean acceptNewHostKeys, java.util.Map<String, String> refused, int retries) {
        this(check, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, refused, retries, null);
    }

    public static RunOptions defaults() {
        return new RunOptions(false, 20, Duration.ofMinutes(30), Duration.ofSeconds(10), null, false, java.util.Map.of(), 2);
    }

    public RunOptions withCheck(boolean c) {
        return new RunOptions(c, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, refused, retries, becomePassword, fingerprintKey, savedPlan);
    }

    public RunOptions withRefused(java.util.Map<String, String> hosts) {
        return new RunOptions(check, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, hosts, retries, becomePassword, fingerprintKey, savedPlan);
    }

    public RunOptions withBecomePassword(String password) {
        return new RunOptions(check, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, refused, retries, password, fingerprintKey, savedPlan);
    }

    /** Each task must still plan what {@code tasks} (a saved plan's) say before it applies. */
    public RunOptions withSavedPlan(java.util.List<dev.rigger.engine.report.TaskResult> tasks) {
        return new RunOptions(check, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, refused, retries, becomePassword, fingerprintKey, tasks);
    }

    public RunOptions withFingerprintKey(byte[] key) {
        return new RunOptions(check, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, refused, retries, becomePassword, key, savedPlan);
    }

    /** Never the password: options may end up in a log or an error. */
    @Override
    public String toString() {
        return "RunOptions[check=" + check + ", forks=" + forks + ", taskTimeout=" + taskTimeout + ", retries=" + retries
                + ", becomePassword=" + (becomePassword == null ? "none" : "********") + "]";
    }
}
