package dev.rigger.engine.transport;

import java.nio.file.Path;

/**
 * Where a host is and how the inventory says to reach it; {@link Connector} adds the run's
 * settings (host-key policy, timeouts, session keeping). The transport knows nothing of
 * inventories: exec's {@code Endpoints} makes one from an inventory host.
 *
 * @param local      {@code ansible_connection=local}: commands run on the controller
 * @param privateKey null: the SSH agent's or the default keys
 * @param knownHosts the host's own known_hosts file (null: the run's, else ~/.ssh/known_hosts)
 */
public record Endpoint(String name, boolean local, String address, int port, String user, Path privateKey, Path knownHosts) {
}
