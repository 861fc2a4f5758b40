package dev.rigger.cli;

import dev.rigger.engine.compile.CompileOptions;
import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.plan.Drift;
import dev.rigger.engine.plan.PlanFile;
import dev.rigger.engine.plan.PlanInputs;
import dev.rigger.engine.plan.SavedPlan;
import dev.rigger.engine.report.RunListener;
import dev.rigger.engine.report.RunResult;
import dev.rigger.engine.report.Status;
import dev.rigger.engine.report.TaskResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rigger apply plan.json}: applies exactly the reviewed plan. Inputs that changed since
 * refuse the whole plan before any host is touched; each host is planned again first, and a
 * host whose plan moved is refused with what moved while the others go on (or, with
 * {@code --all-or-nothing}, nothing is applied).
 */
@Command(name = "apply", mixinStandardHelpOptions = true, description = "Apply a saved plan, refusing hosts that drifted since.")
final class ApplyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PLAN")
    Path planFile;

    @Mixin
    RunSettings settings;

    @Mixin
    VaultOptions vault;

    @Option(names = "--all-or-nothing", description = "If any host drifted since the plan, apply nothing at all.")
    boolean allOrNothing;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "k=v", description = "Secret extra vars the plan file does not hold (it keeps them masked).")
    java.util.List<String> secrets = java.util.List.of();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SavedPlan plan = new PlanFile().read(planFile);
        SavedPlan.Options o = plan.options();
        Inputs in = vault.inputs(settings.masker);
        Map<String, Object> extra = new LinkedHashMap<>(o.extraVars());
        for (String e : secrets) extra.putAll(ExtraVars.parse(e, spec, in.vault()));
        List<String> missing = extra.entrySet().stream().filter(en -> dev.rigger.engine.report.Masker.MASK.equals(en.getValue()))
                .map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            System.err.println("rigger: the plan holds secret extra vars masked; pass them again: -e " + String.join("=... -e ", missing) + "=...");
            return ExitCodes.BAD_OPTIONS;
        }
        CompileOptions opts = new CompileOptions(extra, o.limit(), new LinkedHashSet<>(o.tags()), new LinkedHashSet<>(o.skipTags()),
                new LinkedHashSet<>(o.secretVars() == null ? List.of() : o.secretVars()));
        CompiledRun run = Workspace.compile(List.of(o.inventory()), o.playbooks().stream().map(Path::of).toList(),
                o.modules().stream().map(Path::of).toList(), opts, System.err, in);
        List<String> changed = PlanInputs.changes(plan.inputs(), PlanInputs.digest(Path.of(o.inventory()), in.loader().filesRead()));
        if (!changed.isEmpty()) {
            System.err.println("rigger: refusing " + planFile + ": it was made from different inputs; plan again:");
            changed.forEach(c -> System.err.println("  " + c));
            return ExitCodes.INVALID;
        }
        if (allOrNothing) {
            // every host's verdict is needed before any host changes: one whole check run first
            RunResult now = settings.execute(run, true, new RunListener() { }, plan.key(), null);
            Map<String, List<String>> drift = Drift.between(plan.tasks(), now.tasks());
            if (!drift.isEmpty()) {
                Map<String, String> refused = new LinkedHashMap<>();
                drift.forEach((h, lines) -> refused.put(h, Drift.REFUSED + "\n" + String.join("\n", lines)));
                printDrift(refused);
                System.out.println("--all-or-nothing: nothing applied");
                return ExitCodes.HOST_FAILED;
            }
        }
        // each task's fresh plan is compared with the saved one right before it applies
        RunResult result = settings.execute(run, false, settings.console(), plan.key(), plan.tasks());
        Map<String, String> refused = new LinkedHashMap<>();
        for (TaskResult t : result.tasks()) {
            if (t.status() == Status.FAILED && t.message().startsWith(Drift.REFUSED)) refused.put(t.host(), t.message());
        }
        if (!refused.isEmpty()) printDrift(refused);
        return result.exitCode();
    }

    private void printDrift(Map<String, String> refused) {
        System.out.println("DRIFT since " + planFile + ":");
        refused.forEach((h, why) -> System.out.println("  " + h + ": " + why.replace("\n", "\n    ")));
    }
}
