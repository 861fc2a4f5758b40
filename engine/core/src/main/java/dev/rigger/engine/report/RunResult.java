package dev.rigger.engine.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole run: every task result in the order they finished, and the per-host recap.
 * {@code errorsCleared}: the hosts a {@code meta: clear_host_errors} cleared after their last
 * failure; as in Ansible their recap still counts it, the exit code does not.
 */
public record RunResult(boolean check, List<TaskResult> tasks, List<String> hosts, long durationMs, java.util.Set<String> errorsCleared) {

    public RunResult {
        tasks = List.copyOf(tasks);
        hosts = List.copyOf(hosts);
        errorsCleared = java.util.Set.copyOf(errorsCleared);
    }

    public RunResult(boolean check, List<TaskResult> tasks, List<String> hosts, long durationMs) {
        this(check, tasks, hosts, durationMs, java.util.Set.of());
    }

    public Map<String, HostRecap> recap() {
        Map<String, HostRecap> out = new LinkedHashMap<>();
        for (String h : hosts) out.put(h, HostRecap.empty());
        for (TaskResult t : tasks) out.merge(t.host(), HostRecap.empty().plus(t.status()), HostRecap::sum);
        return out;
    }

    /** Exit code as ansible-playbook: 3 if a host was unreachable, 2 if a task failed, else 0. */
    public int exitCode() {
        var recap = recap().entrySet().stream().filter(e -> !errorsCleared.contains(e.getKey())).map(Map.Entry::getValue).toList();
        if (recap.stream().anyMatch(HostRecap::unreachable)) return 3;
        if (recap.stream().anyMatch(r -> r.failed() > 0)) return 2;
        return 0;
    }

    public int changedCount() {
        return (int) tasks.stream().filter(t -> t.status() == Status.CHANGED).count();
    }
}
