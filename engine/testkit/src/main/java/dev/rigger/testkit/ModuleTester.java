package dev.rigger.testkit;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Module;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import dev.rigger.spi.check.ParamBinder;
import dev.rigger.spi.check.SpecCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A module author's test driver; depends on the SPI only. <b>Stable.</b>
 * <ul>
 *   <li>{@link #assertRegistered}: what the engine checks when it loads the jar: the services
 *       file names the class, the class loads, and its name and spec pass the engine's {@link
 *       SpecCheck}.</li>
 *   <li>{@link #plan}: binds parameters exactly as the engine does (types, defaults, aliases,
 *       choices, rules) and plans against a {@link ScriptedHost}: state in, change out.</li>
 *   <li>{@link #apply}: plan, apply the steps to the {@link ScriptedHost}'s state (owners, modes,
 *       links), plan again: fails unless the host converged. {@link #assertIdempotent} does it
 *       twice; the second time must change nothing.</li>
 *   <li>{@link #check} and {@link #converge}: the same on a real host ({@link Target}: a lab
 *       host, or this machine) through the {@code rigger} command: check mode only, or check,
 *       apply, and check again ({@code changed=0}).</li>
 * </ul>
 * Every failure is an {@link AssertionError} saying what differed.
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

    /** Fails unless the engine would load this module from its jar: services file, class, spec. */
    public ModuleTester assertRegistered() {
        String services = ServicesFile.problem(module.getClass());
        if (services != null) throw new AssertionError(services);
        List<String> spec = SpecCheck.problems(module);
        if (!spec.isEmpty()) throw new AssertionError("the engine refuses module '" + module.name() + "': " + String.join("; ", spec));
        return this;
    }

    /** The parameters as the module receives them; fails with the engine's own messages when invalid. */
    public Params bind(Map<String, Object> given) {
        ParamBinder.Bound b = binder.bind(module.name(), module.spec(), given);
        if (!b.ok()) throw new AssertionError("invalid parameters " + given + ": " + b.message());
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
        return plan(bind(params), host);
    }

    private Change plan(Params p, ScriptedHost host) {
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

    /** What one check-apply-check cycle did. */
    public record Converged(Change planned, List<StepResult> applied, Change after) {
        public boolean changed() {
            return !planned.isNone();
        }
    }

    /**
     * Plans, applies the steps to {@code host}'s state as the engine would (in order, stopping
     * at the first that fails), and plans again. Fails when the plan is unknown, a step fails,
     * or the host still needs changes afterwards (unless the module marked the change
     * unverifiable).
     */
    public Converged apply(Map<String, Object> params, ScriptedHost host) {
        Params p = bind(params);
        Change planned = plan(p, host);
        if (planned.kind() == Change.Kind.UNKNOWN) throw new AssertionError("plan is unknown: " + planned.reason());
        List<StepResult> applied = new ArrayList<>();
        for (Step s : planned.steps()) {
            StepResult r = host.run(s);
            applied.add(r);
            if (!r.ok()) throw new AssertionError("step failed (exit " + r.exitCode() + "): " + s.describe() + ": " + r.stderr());
        }
        Change after = plan(p, host);
        if (planned.verifiable() && !after.isNone()) {
            throw new AssertionError("did not converge: after applying " + describe(planned.steps()) + " the plan still changes " + subjects(after.diffs()));
        }
        return new Converged(planned, applied, after);
    }

    /** Applies twice on {@code host}; the second time must plan nothing. Returns the first cycle. */
    public Converged assertIdempotent(Map<String, Object> params, ScriptedHost host) {
        Converged first = apply(params, host);
        Change second = plan(params, host);
        if (!second.isNone()) throw new AssertionError("not idempotent: after applying once, the plan still changes " + subjects(second.diffs()));
        return first;
    }

    /**
     * Check mode on a real host through {@code rigger play --check --diff}: what would change,
     * with nothing changed. Fails when the run fails.
     */
    public PlayRun check(Map<String, Object> params, Target target) {
        PlayRun r = RiggerCli.find().play(module, params, target, "--check", "--diff");
        if (r.exitCode() != 0) throw new AssertionError("check mode failed on " + target.host() + ":\n" + r.transcript());
        return r;
    }

    /**
     * Check, apply and check again on a real host through {@code rigger play}: fails when a run
     * fails or the check after applying still finds something to change. Returns the three runs.
     */
    public List<PlayRun> converge(Map<String, Object> params, Target target) {
        PlayRun before = check(params, target);
        PlayRun applied = RiggerCli.find().play(module, params, target, "--diff");
        if (applied.exitCode() != 0) throw new AssertionError("apply failed on " + target.host() + ":\n" + applied.transcript());
        PlayRun after = check(params, target);
        if (after.changed() != 0) {
            throw new AssertionError("did not converge on " + target.host() + ": the check after applying reports changed="
                    + after.changed() + " (0 expected):\n" + after.transcript());
        }
        return List.of(before, applied, after);
    }

    private static String describe(List<Step> steps) {
        return steps.stream().map(Step::describe).toList().toString();
    }

    private static String subjects(List<Diff> diffs) {
        return diffs.stream().map(d -> d.subject() + " (" + String.valueOf(d.before()).strip() + " -> " + String.valueOf(d.after()).strip() + ")").toList().toString();
    }
}
