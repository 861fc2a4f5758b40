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
 * Where the run gathers facts, that first round trip also carries them ({@link #startWith}).
 */
final class Prefetcher {
    private final String host;
    private final ExecutionGraph graph;
    private final Preparations preparations;
    private final Sessions sessions;
    private final List<TaskNode> nodes;
    /** What each task fetched ahead declared, for {@link #expectNext}. */
    private final Map<TaskNode, Declared> declared = new HashMap<>();
    /** Whether the host's tasks were fetched ahead as they run ({@link #startWith} prepares them before the facts). */
    private boolean started;
    /** How the run's plain session asks (see {@link Sessions#get}): as the login, without a task's environment. */
    private static final Privilege PLAIN = new Privilege(false, null, Duration.ofMinutes(30));

    private record Declared(Privilege privilege, List<Probe> probes) { }

    Prefetcher(String host, ExecutionGraph graph, Preparations preparations, Sessions sessions) {
        this.host = host;
        this.graph = graph;
        this.preparations = preparations;
        this.sessions = sessions;
        this.nodes = graph.nodes(host);
    }

    /**
     * Before the host's facts are known (preflight): fetches its first tasks' probes ahead as
     * above, with {@code facts} (what gathering them asks) in the same round trip, as the run's
     * plain session asks it. A task prepared without facts is prepared again once they are known:
     * what it then asks and was not fetched here is fetched before the host's first task.
     */
    void startWith(List<Probe> facts) {
        if (nodes.isEmpty() || facts.isEmpty()) return;
        fetchAhead(nodes.get(0), facts, true);
    }

    /** Called right before {@code n} runs. */
    void before(TaskNode n) {
        if (!started) {
            started = true;
            fetchAhead(n, List.of(), false);
        }
        expectNext(n);
    }

    /**
     * @param facts       asked along by the run's plain session (see {@link #startWith}), empty otherwise
     * @param beforeFacts tasks are prepared without the host's facts ({@link Preparations#speculate}),
     *                    else as they run; a task whose probes were fetched already is not asked again
     */
    private void fetchAhead(TaskNode first, List<Probe> facts, boolean beforeFacts) {
        // per privilege, one batch, as the first task of it sees the host, with the shortest timeout
        Map<Boolean, List<List<Probe>>> probes = new LinkedHashMap<>();
        Map<Boolean, Privilege> as = new HashMap<>();
        if (!facts.isEmpty()) {
            probes.put(false, new ArrayList<>(List.of(facts)));
            as.put(false, PLAIN);
        }
        for (TaskNode n : nodes.subList(nodes.indexOf(first), nodes.size())) {
            if (n != first && !graph.waitsFor(n).isEmpty()) break;
            if (n.handler()) continue;
            Prepared p = beforeFacts ? preparations.speculate(n) : preparations.of(n);
            // a task as another user changes the host through a session of its own: what follows is asked after it
            if (p.privilege().otherUser()) break;
            List<Probe> asked = p.firstProbes();
            if (asked.isEmpty()) continue;
            Declared before = declared.put(n, new Declared(p.privilege(), asked));
            if (before != null && before.probes().equals(asked) && before.privilege().sudo() == p.privilege().sudo()) continue;
            boolean sudo = p.privilege().sudo();
            if (!facts.isEmpty() && !sudo && !p.privilege().environment().isEmpty()) {
                // the facts are read without the task's environment (its env fact would show it): the task asks itself
                continue;
            }
            probes.computeIfAbsent(sudo, b -> new ArrayList<>()).add(asked);
            as.merge(sudo, p.privilege(), (a, b) -> a.withTimeout(shorter(a.timeout(), b.timeout())));
        }
        probes.forEach((sudo, batch) -> {
            try {
                sessions.get(host).with(as.get(sudo)).fetchAheadByTask(batch);
            } catch (TransportException e) {
                throw e;
            } catch (RuntimeException e) {
                // nothing is lost: each task (and gathering) then asks the host itself
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
