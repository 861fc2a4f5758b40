package dev.rigger.engine.report;

/** The outcome of one task on one host, as counted in the recap. */
public enum Status {
    OK, CHANGED, FAILED, SKIPPED, UNKNOWN, UNREACHABLE,
    /** Failed, with {@code ignore_errors: true}: counted apart, blocks nothing. */
    IGNORED,
    /** Failed in a block with a rescue, which then runs: counted apart, the host is not failed (Ansible's rescued). */
    RESCUED;

    public String label() {
        return name().toLowerCase();
    }
}
