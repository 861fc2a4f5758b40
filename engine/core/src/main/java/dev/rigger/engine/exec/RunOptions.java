package dev.rigger.engine.exec;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run: check mode, parallelism, limits and host-key policy.
 *
 * @param forks         how many hosts work at once
 * @param taskTimeout   a command running longer is killed and its task fails
 * @param knownHosts    known_hosts file (null: the inventory's or ~/.ssh/known_hosts)
 */
public record RunOptions(boolean check, int forks, Duration taskTimeout, Duration connectTimeout,
                         Path knownHosts, boolean acceptNewHostKeys) {

    public static RunOptions defaults() {
        return new RunOptions(false, 20, Duration.ofMinutes(30), Duration.ofSeconds(10), null, false);
    }

    public RunOptions withCheck(boolean c) {
        return new RunOptions(c, forks, taskTimeout, connectTimeout, knownHosts, acceptNewHostKeys);
    }
}
