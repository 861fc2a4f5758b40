package dev.rigger.testkit;

import dev.rigger.engine.exec.HostSession;
import dev.rigger.engine.module.ParamBinder;
import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.LocalConnection;
import dev.rigger.spi.Change;
import dev.rigger.spi.Module;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A module author's test driver. <b>Stable.</b>
 * <ul>
 *   <li>{@link #plan}: binds parameters exactly as the engine does (types, defaults, aliases,
 *       choices) and plans against a {@link ScriptedHost}: state in, change out.</li>
 *   <li>{@link #converge}: on a real host (this machine, or any {@link Connection}), plans
 *       (check mode), applies the steps, and plans again; fails unless the host converged.
 *       Calling it twice proves idempotency: the second call must find nothing to do.</li>
 * </ul>
 */
public final class ModuleTester {
    private final Module module;
    private final ParamBinder binder = new ParamBinder();

    private ModuleTester(Module module) {
        this.module = module;
    }

    public static ModuleTester of(Module module) {
        return new ModuleTester(module);
    }

    /** The parameters as the module receives them; fails with the engine's own messages when invalid. */
    public Params bind(Map<String, Object> given) {
        ParamBinder.Bound b = binder.bind(module.name(), module.spec(), given);
        if (!b.ok()) throw new AssertionError("invalid parameters: " + b.problems());
        TestParams p = TestParams.of(module.spec());
        p.values().putAll(b.values());
        return p;
    }

    /** The engine's messages for invalid parameters (empty when they are valid). */
    public List<String> problems(Map<String, Object> given) {
        return binder.bind(module.name(), module.spec(), given).problems().stream().map(ParamBinder.Problem::message).toList();
    }

    /**
     * Plans on {@code host}; also fails when the module declares first probes ({@link
     * Module#firstProbes}) other than those its plan asked in its first round trip.
     */
    public Change plan(Map<String, Object> params, ScriptedHost host) {
        Params p = bind(params);
        int asked = host.asked().size();
        int trips = host.roundTrips().size();
        try {
            return module.plan(p, host);
        } finally {
            if (host.roundTrips().size() > trips) {
                List<Probe> first = host.asked().subList(asked, asked + host.roundTrips().get(trips));
                assertFirstProbesDeclared(p, first);
            }
        }
    }

    /** Fails unless the module declares no first probes, or exactly {@code first} (what its plan asked first). */
    public void assertFirstProbesDeclared(Params p, List<Probe> first) {
        List<Probe> declared = module.firstProbes(p);
        if (!declared.isEmpty() && !declared.equals(first)) {
            throw new AssertionError(module.name() + " declares first probes " + declared + " but its plan asked " + first + " first");
        }
    }

    /** What one real check-apply-check cycle did. */
    public record Converged(Change planned, List<StepResult> applied, Change after) {
        public boolean changed() {
            return !planned.isNone();
        }
    }

    /** {@link #converge(Map, Connection)} on this machine. */
    public Converged converge(Map<String, Object> params) {
        return converge(params, new LocalConnection());
    }

    /**
     * Check, apply, check again on a real host. Throws AssertionError when a step fails or
     * the host still needs changes afterwards (unless the module marked the change unverifiable).
     */
    public Converged converge(Map<String, Object> params, Connection connection) {
        Params p = bind(params);
        HostSession host = new HostSession("test-host", connection, Map.of(), false, Duration.ofMinutes(5));
        Change planned = module.plan(p, host);
        if (planned.kind() == Change.Kind.UNKNOWN) throw new AssertionError("plan is unknown: " + planned.reason());
        List<StepResult> applied = new ArrayList<>();
        for (Step s : planned.steps()) {
            StepResult r = host.run(s);
            applied.add(r);
            if (!r.ok()) throw new AssertionError("step failed (exit " + r.exitCode() + "): " + s.describe() + ": " + r.stderr());
        }
        Change after = module.plan(p, host);
        if (planned.verifiable() && !after.isNone()) throw new AssertionError("did not converge; still planned: " + after.diffs());
        return new Converged(planned, applied, after);
    }

    /** Converges twice; the second time must change nothing. Returns the first cycle. */
    public Converged assertIdempotent(Map<String, Object> params, Connection connection) {
        Converged first = converge(params, connection);
        Converged second = converge(params, connection);
        if (second.changed()) throw new AssertionError("not idempotent: second run planned " + second.planned().diffs());
        return first;
    }
}
