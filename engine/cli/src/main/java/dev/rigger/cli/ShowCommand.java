package dev.rigger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.engine.plan.PlanFile;
import dev.rigger.engine.plan.SavedPlan;
import dev.rigger.engine.report.ConsoleReporter;
import dev.rigger.engine.report.JsonReport;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.RunResult;
import dev.rigger.engine.report.TaskResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rigger show plan.json}: the saved plan as the same report as {@code --check --diff};
 * with {@code --html FILE}, a saved plan or a JSON report ({@code --report-json}) as the web page.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print a saved plan as a --check --diff report, or write it (or a JSON report) as a web page.")
final class ShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PLAN", description = "A saved plan (rigger plan -o), or with --html also a JSON report (--report-json).")
    Path plan;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the plan or report as one self-contained web page instead.")
    Path html;

    @Override
    public Integer call() throws IOException {
        JsonNode tree = new ObjectMapper().readTree(plan.toFile());
        boolean report = tree.has("mode") && tree.path("hosts").isObject() && tree.has("tasks");
        if (report && html == null) {
            System.err.println("rigger: " + plan + " is a JSON report, not a saved plan: show it with --html FILE");
            return ExitCodes.BAD_OPTIONS;
        }
        Masker masker = new Masker();
        if (report) {
            HtmlReport.write(tree, masker, "Rigger report " + plan.getFileName(), html);
            System.out.println("page written to " + html);
            return ExitCodes.OK;
        }
        SavedPlan p = new PlanFile().read(plan);
        List<String> hosts = p.tasks().stream().map(TaskResult::host).distinct().toList();
        RunResult r = new RunResult(true, p.tasks(), hosts, 0);
        if (html != null) {
            JsonNode asReport = new ObjectMapper().valueToTree(new JsonReport(masker).toMap(r));
            HtmlReport.write(asReport, masker, "Rigger plan " + plan.getFileName() + " (made " + p.createdAt() + ")", html);
            System.out.println("page written to " + html);
            return ExitCodes.OK;
        }
        System.out.println("PLAN " + plan + " (made " + p.createdAt() + " by " + p.rigger() + " from " + p.options().playbooks() + ")");
        new ConsoleReporter(System.out, true, 0, masker).replay(r);
        return ExitCodes.OK;
    }
}
