package dev.rigger.engine.exec;

import dev.rigger.engine.compile.FactGathering;
import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.check.ParamBinder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gather_facts} on one host, before its first task: the {@code setup} module, filtered
 * to the facts the run reads, in one round trip; the host's facts are then what Ansible's
 * setup would have set. Each distinct gathering runs once per host (Ansible gathers again at
 * each play; a run reads its facts as they were when it started, as {@code --check} does). The
 * round trip is the one that fetches the host's first probes ahead: gathering costs no round trip.
 */
final class FactGatherer {
    private final List<FactGathering> gatherings;
    private final RunState state;
    private final Sessions sessions;

    FactGatherer(List<FactGathering> gatherings, RunState state, Sessions sessions) {
        this.gatherings = gatherings;
        this.state = state;
        this.sessions = sessions;
    }

    /**
     * What gathering on {@code host} will ask, so that it rides on the round trip that fetches the
     * first tasks' probes ahead ({@link Prefetcher#startWith}) and {@link #gather} then needs none.
     */
    List<Probe> firstProbes(String host) {
        List<Probe> probes = new ArrayList<>();
        for (FactGathering g : distinct(host)) {
            ParamBinder.Bound bound = bind(g);
            if (bound.ok()) probes.addAll(FirstProbes.of(g.setup(), params(bound)));
        }
        return probes;
    }

    /** @throws ModuleException when the host's facts cannot be read; a TransportException when it is unreachable */
    void gather(String host) {
        for (FactGathering g : distinct(host)) {
            ParamBinder.Bound bound = bind(g);
            if (!bound.ok()) throw new ModuleException("gather_facts: " + bound.message());
            Change c = g.setup().plan(params(bound), sessions.get(host));
            if (c.outputs().get("ansible_facts") instanceof Map<?, ?> facts) state.learnFacts(host, strings(facts));
        }
    }

    /** The gatherings of {@code host}'s plays, each distinct one once. */
    private List<FactGathering> distinct(String host) {
        Set<Map<String, Object>> seen = new HashSet<>();
        return gatherings.stream().filter(g -> g.hosts().contains(host) && seen.add(g.args())).toList();
    }

    private static ParamBinder.Bound bind(FactGathering g) {
        return new ParamBinder().bind(g.setup().name(), g.setup().spec(), g.args());
    }

    private static BoundParams params(ParamBinder.Bound bound) {
        return new BoundParams(bound.values(), List.of(), Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> strings(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
