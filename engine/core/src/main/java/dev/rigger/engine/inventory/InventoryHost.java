package dev.rigger.engine.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One managed host with its connection settings already resolved from its variables.
 *
 * @param address        {@code ansible_host}, else the inventory name
 * @param port           {@code ansible_port}, else 22
 * @param user           {@code ansible_user}, else {@code root}
 * @param privateKeyFile {@code ansible_ssh_private_key_file}, absolute (relative to the inventory
 *                       folder, {@code ~} expanded), or null
 * @param connection     {@code ansible_connection}, else {@code ssh}
 * @param vars           every variable of the host after precedence merging (see {@link VarsMerger})
 */
public record InventoryHost(String name, String address, int port, String user,
                            String privateKeyFile, String connection, Map<String, Object> vars) {

    public InventoryHost {
        // YAML values may be null, so Map.copyOf is not usable; keep insertion order for stable output.
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars == null ? Map.of() : vars));
    }

    /** The OpenSSH options of {@code ansible_ssh_common_args} and {@code ansible_ssh_extra_args}, as {@link SshArgs} reads them. */
    public SshArgs sshArgs() {
        return SshArgs.parse(ConnectionVars.sshArgs(vars));
    }
}
