package dev.rigger.engine.transport;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach one host.
 *
 * @param knownHosts  OpenSSH known_hosts file checked strictly (null: ~/.ssh/known_hosts)
 * @param acceptNew   like OpenSSH's {@code StrictHostKeyChecking=accept-new}: unknown keys are
 *                    added, changed keys are still refused
 */
public record Target(String host, String address, int port, String user, Path privateKey,
                     boolean local, Path knownHosts, boolean acceptNew, Duration connectTimeout) {
}
