package dev.rigger.engine.exec;

import dev.rigger.engine.compile.FactGathering;
import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.check.ParamBinder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gather_facts} on one host, before its first task: the {@code setup} module, filtered
 * to the facts the run reads, in one round trip; the host's facts are then what Ansible's
 * setup would have set. Each distinct gathering runs once per host (Ansible gathers again at
 * each play; a run reads its facts as they were when it started, as {@code --check} does).
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

    /** @throws ModuleException when the host's facts cannot be read; a TransportException when it is unreachable */
    void gather(String host) {
        Set<Map<String, Object>> done = new HashSet<>();
        for (FactGathering g : gatherings) {
            if (!g.hosts().contains(host) || !done.add(g.args())) continue;
            ParamBinder.Bound bound = new ParamBinder().bind(g.setup().name(), g.setup().spec(), g.args());
            if (!bound.ok()) throw new ModuleException("gather_facts: " + bound.message());
            Change c = g.setup().plan(new BoundParams(bound.values(), List.of(), Map.of()), sessions.get(host));
            if (c.outputs().get("ansible_facts") instanceof Map<?, ?> facts) state.learnFacts(host, strings(facts));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> strings(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
