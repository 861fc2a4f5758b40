package dev.rigger.engine.report;

/** Per-host counts for the recap, as ansible-playbook prints them (plus unknown). */
public record HostRecap(int ok, int changed, int failed, int skipped, int unknown, int ignored, boolean unreachable, int rescued) {

    public static HostRecap empty() {
        return new HostRecap(0, 0, 0, 0, 0, 0, false, 0);
    }

    public static HostRecap sum(HostRecap a, HostRecap b) {
        return new HostRecap(a.ok + b.ok, a.changed + b.changed, a.failed + b.failed, a.skipped + b.skipped,
                a.unknown + b.unknown, a.ignored + b.ignored, a.unreachable || b.unreachable, a.rescued + b.rescued);
    }

    /** Adds one task result. Changed tasks count as ok too, as Ansible does. */
    public HostRecap plus(Status s) {
        return switch (s) {
            case OK -> new HostRecap(ok + 1, changed, failed, skipped, unknown, ignored, unreachable, rescued);
            case CHANGED -> new HostRecap(ok + 1, changed + 1, failed, skipped, unknown, ignored, unreachable, rescued);
            case FAILED -> new HostRecap(ok, changed, failed + 1, skipped, unknown, ignored, unreachable, rescued);
            case SKIPPED -> new HostRecap(ok, changed, failed, skipped + 1, unknown, ignored, unreachable, rescued);
            case UNKNOWN -> new HostRecap(ok, changed, failed, skipped, unknown + 1, ignored, unreachable, rescued);
            case IGNORED -> new HostRecap(ok, changed, failed, skipped, unknown, ignored + 1, unreachable, rescued);
            case RESCUED -> new HostRecap(ok, changed, failed, skipped, unknown, ignored, unreachable, rescued + 1);
            case UNREACHABLE -> new HostRecap(ok, changed, failed, skipped, unknown, ignored, true, rescued);
        };
    }
}
