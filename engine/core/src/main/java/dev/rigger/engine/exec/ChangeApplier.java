package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledTask;
import dev.rigger.engine.report.Status;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import dev.rigger.engine.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes a planned change real: runs its steps in order, stops at the first that fails, then
 * plans again to prove the host converged (a change that remains fails the task). That plan's
 * first probes ride on the last step's round trip.
 */
final class ChangeApplier {

    TaskOutcome apply(CompiledTask t, Params params, HostSession host, Change change) {
        if (change.kind() == Change.Kind.NONE) {
            return new TaskOutcome(Status.OK, List.of(), "", "", Results.unchanged(change.outputs()));
        }
        if (change.kind() == Change.Kind.UNKNOWN) {
            // outside check mode there is no later moment for it to become known
            String msg = "cannot plan: " + change.reason();
            return TaskOutcome.of(Status.FAILED, msg, TaskRunner.failed(msg));
        }
        List<StepResult> done = new ArrayList<>();
        List<Step> steps = change.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            // the plan proving convergence asks its first probes in the last step's round trip
            List<Probe> then = i == steps.size() - 1 && change.verifiable()
                    ? FirstProbes.of(t.module(), params) : List.of();
            StepResult r;
            try {
                r = host.run(step, then);
            } catch (TransportException e) {
                if (!e.isTimeout()) throw e;
                String msg = "timed out: " + step.describe();
                return new TaskOutcome(Status.FAILED, change.diffs(), msg, "", TaskRunner.failed(msg));
            }
            done.add(r);
            if (!r.ok()) {
                String msg = "step failed (exit " + r.exitCode() + "): " + step.describe();
                return new TaskOutcome(Status.FAILED, change.diffs(), msg, said(r), Results.applied(done, change.outputs(), true));
            }
        }
        Map<String, Object> outputs = new java.util.LinkedHashMap<>(change.outputs());
        outputs.putAll(ModuleCrash.guard(t.module(), "outputs", () -> t.module().outputs(params, done)));
        Map<String, Object> registered = Results.applied(done, outputs, false);
        if (change.verifiable()) {
            Change after = TaskRunner.plan(t, params, host);
            if (after.kind() == Change.Kind.CHANGE) {
                String msg = "did not converge: still to change after apply: " + subjects(after.diffs());
                return new TaskOutcome(Status.FAILED, change.diffs(), msg, "", TaskRunner.failed(msg));
            }
        }
        return new TaskOutcome(Status.CHANGED, change.diffs(), "", "", registered);
    }

    /**
     * What a failed step said, as Ansible shows it: its stdout, then its stderr (dnf, for one,
     * names the package it cannot find on the first and fails on the second).
     */
    private static String said(StepResult r) {
        String out = r.stdout().strip();
        String err = r.stderr().strip();
        return out.isEmpty() ? err : err.isEmpty() ? out : out + "\n" + err;
    }

    private static String subjects(List<Diff> diffs) {
        return String.join(", ", diffs.stream().map(Diff::subject).toList());
    }
}
