package dev.rigger.modules.fuzz;

import dev.rigger.engine.exec.HostSession;
import dev.rigger.spi.check.ParamBinder;
import dev.rigger.engine.transport.TransportException;
import dev.rigger.spi.Change;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import dev.rigger.testkit.TestParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one input as the engine runs a task outside check mode: binds the arguments with the
 * engine's binder, plans, runs the steps in order through the host session (real quoting, real
 * shell, real SSH) stopping at the first failure, then plans again as proof of convergence.
 */
final class InputRunner {
    private final ParamBinder binder = new ParamBinder();

    /** The outcome, a short detail, and the steps that ran (for a canary report). */
    record Result(Outcome outcome, String detail, List<Step> ran) { }

    Result run(Module module, Map<String, Object> args, HostSession host) {
        ParamBinder.Bound bound = binder.bind(module.name(), module.spec(), args);
        if (!bound.ok()) return new Result(Outcome.REJECTED, bound.problems().get(0).message(), List.of());
        TestParams params = TestParams.of(module.spec());
        params.values().putAll(bound.values());
        ParamValues.LOCAL_FILES.forEach(params::localFile);
        // fetch writes on the controller: a relative dest lands in a folder of the fuzzer's, never in the source tree
        params.playbookDir(java.nio.file.Path.of(Sandbox.ROOT + "-controller"));
        List<Step> ran = new ArrayList<>();
        try {
            Change planned = module.plan(params, host);
            if (planned.kind() == Change.Kind.UNKNOWN) return new Result(Outcome.UNKNOWN, planned.reason(), ran);
            if (planned.isNone()) return new Result(Outcome.UNCHANGED, "", ran);
            for (Step s : planned.steps()) {
                ran.add(s);
                // the fuzzer never reboots its host: a reboot's words (msg, reboot_command's) go through the engine's quoting to echo
                StepResult r = host.run(s instanceof Step.Reboot rb ? Step.Run.of(echo(rb.command())) : s);
                if (!r.ok()) return new Result(Outcome.STEP_FAILED, "exit " + r.exitCode() + ": " + r.stderr().strip(), ran);
            }
            if (!planned.verifiable()) return new Result(Outcome.APPLIED, "", ran);
            Change after = module.plan(params, host);
            return after.kind() == Change.Kind.CHANGE
                    ? new Result(Outcome.NOT_CONVERGED, after.diffs().toString(), ran)
                    : new Result(Outcome.APPLIED, "", ran);
        } catch (ModuleException e) {
            return new Result(Outcome.REFUSED, e.getMessage(), ran);
        } catch (TransportException e) {
            if (e.isTimeout()) return new Result(Outcome.STEP_FAILED, e.getMessage(), ran);
            throw e; // the host is gone: no later input would mean anything
        } catch (RuntimeException e) {
            return new Result(Outcome.CRASHED, e.toString(), ran);
        }
    }

    private static List<String> echo(List<String> command) {
        List<String> argv = new ArrayList<>(List.of("echo"));
        argv.addAll(command.subList(1, command.size()));
        return argv;
    }
}
