package dev.rigger.engine.transport;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach one host over SSH (a local host needs none of this: see {@link Connector}).
 *
 * @param knownHosts  OpenSSH known_hosts file checked strictly (null: ~/.ssh/known_hosts)
 * @param acceptNew   like OpenSSH's {@code StrictHostKeyChecking=accept-new}: unknown keys are
 *                    added, changed keys are still refused
 */
public record Target(String host, String address, int port, String user, Path privateKey,
                     Path knownHosts, boolean acceptNew, Duration connectTimeout) {
}
