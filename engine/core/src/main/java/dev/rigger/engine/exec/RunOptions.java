package dev.rigger.engine.exec;

import dev.rigger.engine.report.TaskResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run: check mode, parallelism, limits and host-key policy.
 *
 * @param forks          how many hosts work at once
 * @param taskTimeout    a command running longer is killed and its task fails
 * @param knownHosts     known_hosts file (null: the inventory's or ~/.ssh/known_hosts)
 * @param retries        more attempts for a connection that fails, with backoff
 * @param becomePassword sudo's password for {@code become} where no {@code ansible_become_password}
 *                       variable gives one ({@code --become-password-file}), or null
 * @param fingerprintKey the key of the changes' fingerprints (a saved plan's, to compare with it), or
 *                       null: a fresh one for this run
 * @param savedPlan      the tasks of a saved plan each task must still plan to apply (see
 *                       {@link SavedPlanCheck}), or null
 * @param forceHandlers  {@code --force-handlers}: the default of plays that do not say {@code force_handlers}
 * @param step           {@code --step}: the operator's answer before each task, or null: every task runs
 * @param verbosity      how many {@code -v} the run was given (ansible-playbook's verbosity: a {@code debug}
 *                       task with a higher {@code verbosity} is skipped)
 */
public record RunOptions(boolean check, int forks, Duration taskTimeout, Duration connectTimeout,
                         Path knownHosts, boolean acceptNewHostKeys, int retries,
                         String becomePassword, byte[] fingerprintKey, List<TaskResult> savedPlan, boolean forceHandlers,
                         StepQuestions step, int verbosity) {

    public RunOptions {
        fingerprintKey = fingerprintKey == null ? null : fingerprintKey.clone();
        savedPlan = savedPlan == null ? null : List.copyOf(savedPlan);
    }

    public RunOptions(boolean check, int forks, Duration taskTimeout, Duration connectTimeout,
                      Path knownHosts, boolean acceptNewHostKeys, int retries) {
        this(check, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, retries, null, null, null, false, null, 0);
    }

    public static RunOptions defaults() {
        return new RunOptions(false, 20, Duration.ofMinutes(30), Duration.ofSeconds(10), null, false, 2);
    }

    public RunOptions withCheck(boolean c) {
        return new RunOptions(c, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, retries, becomePassword, fingerprintKey, savedPlan, forceHandlers, step, verbosity);
    }

    public RunOptions withBecomePassword(String password) {
        return new RunOptions(check, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, retries, password, fingerprintKey, savedPlan, forceHandlers, step, verbosity);
    }

    /** Fingerprints changes with {@code key} (a saved plan's); null: a fresh key for the run. */
    public RunOptions withFingerprintKey(byte[] key) {
        return new RunOptions(check, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, retries, becomePassword, key, savedPlan, forceHandlers, step, verbosity);
    }

    /** Each task must still plan what {@code tasks} (a saved plan's) say before it applies; null: no saved plan. */
    public RunOptions withSavedPlan(List<TaskResult> tasks) {
        return new RunOptions(check, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, retries, becomePassword, fingerprintKey, tasks, forceHandlers, step, verbosity);
    }

    /** {@code --force-handlers} (or ansible.cfg's): plays that do not say force_handlers force them. */
    public RunOptions withForceHandlers(boolean force) {
        return new RunOptions(check, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, retries, becomePassword, fingerprintKey, savedPlan, force, step, verbosity);
    }

    /** {@code --step}: asks before each task; null: every task runs. */
    public RunOptions withStep(StepQuestions questions) {
        return new RunOptions(check, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, retries, becomePassword, fingerprintKey, savedPlan, forceHandlers, questions, verbosity);
    }

    /** The run's {@code -v} count. */
    public RunOptions withVerbosity(int v) {
        return new RunOptions(check, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys, retries, becomePassword, fingerprintKey, savedPlan, forceHandlers, step, v);
    }

    /** Never the password: options may end up in a log or an error. */
    @Override
    public String toString() {
        return "RunOptions[check=" + check + ", forks=" + forks + ", taskTimeout=" + taskTimeout + ", retries=" + retries
                + ", becomePassword=" + (becomePassword == null ? "none" : "********") + ", savedPlan=" + (savedPlan != null) + "]";
    }
}
