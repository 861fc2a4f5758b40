package dev.rigger.engine.exec;

import dev.rigger.engine.compile.ExecutionGraph;
import dev.rigger.engine.compile.TaskNode;
import dev.rigger.engine.transport.TransportException;
import dev.rigger.spi.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batches one host's probes across its tasks. Before the host's first task it asks, in one round
 * trip per privilege, what that task and the following ones declare they probe first ({@link
 * dev.rigger.spi.Module#firstProbes}), so that on a converged host each task is answered
 * without a round trip of its own; it stops at the first task that waits for another host, as
 * what that host does may change the answers. Before each task it names the next task's first
 * probes, which then ride on the current task's round trips (a change drops what was fetched
 * ahead, and the plan that proves it converged is a round trip anyway). The tasks' commands run
 * at the same time on the host, each task's in order ({@link HostSession#fetchAheadByTask}).
 */
final class Prefetcher {
    private final String host;
    private final ExecutionGraph graph;
    private final Preparations preparations;
    private final Sessions sessions;
    private final List<TaskNode> nodes;
    /** What each task fetched ahead declared, for {@link #expectNext}. */
    private final Map<TaskNode, Declared> declared = new HashMap<>();
    private boolean started;

    private record Declared(Privilege privilege, List<Probe> probes) { }

    Prefetcher(String host, ExecutionGraph graph, Preparations preparations, Sessions sessions) {
        this.host = host;
        this.graph = graph;
        this.preparations = preparations;
        this.sessions = sessions;
        this.nodes = graph.nodes(host);
    }

    /** Called right before {@code n} runs. */
    void before(TaskNode n) {
        if (!started) {
            started = true;
            fetchAhead(n);
        }
        expectNext(n);
    }

    private void fetchAhead(TaskNode first) {
        // per privilege, one batch, as the first task of it sees the host, with the shortest timeout
        Map<Boolean, List<List<Probe>>> probes = new LinkedHashMap<>();
        Map<Boolean, Privilege> as = new HashMap<>();
        for (TaskNode n : nodes.subList(nodes.indexOf(first), nodes.size())) {
            if (n != first && !graph.waitsFor(n).isEmpty()) break;
            if (n.handler()) continue;
            Prepared p = preparations.of(n);
            // a task as another user changes the host through a session of its own: what follows is asked after it
            if (p.privilege().otherUser()) break;
            List<Probe> asked = p.firstProbes();
            if (asked.isEmpty()) continue;
            declared.put(n, new Declared(p.privilege(), asked));
            boolean sudo = p.privilege().sudo();
            probes.computeIfAbsent(sudo, b -> new ArrayList<>()).add(asked);
            as.merge(sudo, p.privilege(), (a, b) -> a.withTimeout(shorter(a.timeout(), b.timeout())));
        }
        probes.forEach((sudo, batch) -> {
            try {
                sessions.get(host).with(as.get(sudo)).fetchAheadByTask(batch);
            } catch (TransportException e) {
                throw e;
            } catch (RuntimeException e) {
                // nothing is lost: each task then asks the host itself
            }
        });
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void expectNext(TaskNode current) {
        int i = nodes.indexOf(current) + 1;
        while (i < nodes.size() && nodes.get(i).handler()) i++;
        if (i >= nodes.size() || !graph.waitsFor(nodes.get(i)).isEmpty()) return;
        Declared next = declared.get(nodes.get(i));
        if (next != null) sessions.get(host).with(next.privilege()).expectNext(next.probes());
    }
}
