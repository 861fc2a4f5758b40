package dev.rigger.testkit;

import java.nio.file.Path;

/**
 * A real host for {@link ModuleTester#check} and {@link ModuleTester#converge}: one host of an
 * Ansible inventory, as {@code rigger play -i INVENTORY --limit HOST} reaches it.
 *
 * @param inventory the inventory file, or null for this machine ({@link #local()})
 * @param host      the host's name in it
 */
public record Target(Path inventory, String host) {

    /** One host of an inventory file (for the lab: {@code inventories/lab.ini} and a host's name). */
    public static Target of(Path inventory, String host) {
        return new Target(inventory, host);
    }

    /** This machine, through a local connection (no SSH), as the user running the test. */
    public static Target local() {
        return new Target(null, "localhost");
    }
}
