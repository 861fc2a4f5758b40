package dev.rigger.cli;

import dev.rigger.engine.plan.PlanFile;
import dev.rigger.engine.plan.SavedPlan;
import dev.rigger.engine.report.ConsoleReporter;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.RunResult;
import dev.rigger.engine.report.TaskResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rigger show plan.json}: the saved plan as the same report as {@code --check --diff}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print a saved plan as a --check --diff report.")
final class ShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PLAN")
    Path plan;

    @Override
    public Integer call() throws IOException {
        SavedPlan p = new PlanFile().read(plan);
        System.out.println("PLAN " + plan + " (made " + p.createdAt() + " by " + p.rigger() + " from " + p.options().playbooks() + ")");
        ConsoleReporter r = new ConsoleReporter(System.out, true, 0, new Masker());
        List<String> hosts = p.tasks().stream().map(TaskResult::host).distinct().toList();
        r.replay(new RunResult(true, p.tasks(), hosts, 0));
        return ExitCodes.OK;
    }
}
