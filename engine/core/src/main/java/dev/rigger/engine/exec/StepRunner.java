package dev.rigger.engine.exec;

import dev.rigger.engine.transport.ExecResult;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Step execution: a {@link Step} becomes the shell text (and stdin) that realises it, run on
 * the host's {@link HostShell}. The probes that follow a step (the plan proving convergence,
 * the next task's first) ride on its round trip, and anything fetched ahead is dropped first,
 * as the step may change it.
 */
final class StepRunner {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StepRunner.class);
    private final HostShell shell;
    private final ProbesAhead ahead;

    StepRunner(HostShell shell, ProbesAhead ahead) {
        this.shell = shell;
        this.ahead = ahead;
    }

    /** Runs {@code step}; when it succeeds, the same round trip answers {@code then} and the expected riders. */
    StepResult run(Privilege p, Step step, List<Probe> then) {
        ahead.clear();
        // step text may hold secrets: only its kind is logged here; the reporter shows masked diffs
        LOG.info("{}: running {}", shell.name(), step.getClass().getSimpleName());
        // a controller-side write never reaches the host: the plan that follows asks the host itself
        if (step instanceof Step.WriteLocal local) return LocalWrite.run(local);
        String refused = shell.refusal(p);
        if (refused != null) return new StepResult(step, 1, "", refused);
        // after a reboot nothing asked before holds; the plan proving convergence asks anew
        if (step instanceof Step.Reboot r) return Rebooter.run(shell, p, r);
        String script = script(step);
        byte[] stdin = step instanceof Step.Run run ? run.stdin() : step instanceof Step.WriteFile w ? w.content() : null;
        if (then.isEmpty()) return result(p, step, shell.exec(p, script, stdin));
        List<Probe> wanted = new ArrayList<>(then);
        wanted.addAll(ahead.riders(p.sudo(), then));
        List<Probe> distinct = HostShell.distinct(wanted);
        ProbeScript both = ProbeScript.afterStep(script, distinct);
        ExecResult r = shell.exec(p, both.text(), stdin);
        ProbeScript.AfterStep answered = r.exitCode() == Privilege.TIMED_OUT ? null : both.parseAfterStep(r.stdout(), r.stderr());
        if (answered == null) return result(p, step, r);
        // without every answer (the step failed, or the output was cut short) the plan that follows asks the host itself
        if (answered.answers() != null && !answered.answers().contains(null)) ahead.put(p.sudo(), distinct, answered.answers(), wanted);
        ProbeResult s = answered.step();
        return new StepResult(step, s.exitCode(), s.text(), s.error());
    }

    /** The shell text of a step: argv (a reboot's command) quoted word by word, a script as it is, a write as {@link AtomicWrite}'s script. */
    static String script(Step step) {
        return step instanceof Step.Run run ? ShellQuote.join(run.argv())
                : step instanceof Step.Reboot r ? ShellQuote.join(r.command())
                : step instanceof Step.Shell sh ? sh.script() : AtomicWrite.script((Step.WriteFile) step);
    }

    private static StepResult result(Privilege p, Step step, ExecResult r) {
        if (r.exitCode() == Privilege.TIMED_OUT) {
            return new StepResult(step, r.exitCode(), r.out(), "timed out after " + p.timeout().toSeconds() + "s and was killed\n" + r.err());
        }
        return new StepResult(step, r.exitCode(), r.out(), r.err());
    }
}
