package dev.rigger.cli;

import dev.rigger.engine.compile.CompileOptions;
import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.plan.PlanFile;
import dev.rigger.engine.plan.PlanInputs;
import dev.rigger.engine.plan.Fingerprint;
import dev.rigger.engine.plan.SavedPlan;
import dev.rigger.engine.report.RunResult;
import dev.rigger.engine.report.TaskResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rigger plan -o plan.json}: a check run saved as a plan file that {@code rigger apply}
 * applies exactly, refusing hosts that drifted and inputs that changed since.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plan every task on every host (check mode) and save the plan for 'rigger apply'.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    Targeting targeting;

    @Mixin
    RunSettings settings;

    @Mixin
    VaultOptions vault;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PLAN", description = "Where to write the plan (JSON).")
    Path out;

    @Option(names = "--detailed-exitcode", description = "0 no changes, 2 changes pending, 1 error (as terraform plan).")
    boolean detailedExitCode;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Inputs in = vault.inputs(settings.masker);
        CompileOptions opts = targeting.compileOptions(spec, in.vault());
        if (!targeting.hostDefaults().isEmpty() || opts.become() || opts.becomeAs() != null || opts.startAtTask() != null
                || targeting.forcesHandlers() || !targeting.sshArgs.isEmpty()) {
            // a saved plan records its options for 'rigger apply'; these are not among them yet, and an apply without them would differ
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "-u, --private-key, -c, -b, --become-user, --become-method, --force-handlers, --start-at-task and --ssh-common-args/--ssh-extra-args"
                            + " are not saved in a plan yet: set ansible_user, ansible_ssh_private_key_file, ansible_connection in the inventory and become:,"
                            + " become_user:, become_method: in the play, --known-hosts and --accept-new-hostkeys for both plan and apply, "
                            + "or use 'rigger play'");
        }
        List<String> sources = targeting.inventories(spec);
        if (sources.size() != 1 || !java.nio.file.Files.isRegularFile(Path.of(sources.get(0)))) {
            // the saved plan records one inventory file, whose digest 'rigger apply' checks
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a saved plan takes exactly one inventory file (-i FILE); several -i, a folder or a host list are for 'rigger play'");
        }
        Path inventory = Path.of(sources.get(0));
        CompiledRun run = Workspace.compile(sources, targeting.playbooks, targeting.moduleSources(), opts, System.err, in);
        byte[] key = Fingerprint.newKey();
        RunResult result = settings.execute(run, true, settings.console(), key, null);
        SavedPlan.Options saved = new SavedPlan.Options(abs(inventory), targeting.playbooks.stream().map(PlanCommand::abs).toList(),
                maskSecrets(opts.extraVars()), opts.limit(), List.copyOf(opts.tags()), List.copyOf(opts.skipTags()),
                targeting.moduleSources().stream().map(PlanCommand::abs).toList(), List.copyOf(opts.secretVars()));
        SavedPlan plan = new SavedPlan(SavedPlan.FORMAT, new Version().getVersion()[0], Instant.now().toString(),
                PlanInputs.digest(inventory, in.loader().filesRead()), saved, inInventoryOrder(result),
                java.util.HexFormat.of().formatHex(key));
        new PlanFile().write(plan, out, settings.masker);
        System.out.println("plan saved to " + out + " (apply it with: rigger apply " + out + ")");
        return detailedExitCode ? RunSettings.detailed(result) : result.exitCode();
    }

    /** Hosts plan in parallel and finish in any order; the file lists them as the inventory does, so two plans diff line by line. */
    static List<TaskResult> inInventoryOrder(RunResult result) {
        Map<String, Integer> rank = new HashMap<>();
        for (String h : result.hosts()) rank.putIfAbsent(h, rank.size());
        return result.tasks().stream()
                .sorted(Comparator.comparingInt((TaskResult t) -> rank.getOrDefault(t.host(), Integer.MAX_VALUE))
                        .thenComparing(TaskResult::host)
                        .thenComparingInt(TaskResult::index))
                .toList();
    }

    /** Extra vars the run learnt are secrets are not written: apply asks for them again with -e. */
    private Map<String, Object> maskSecrets(Map<String, Object> extra) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        extra.forEach((k, v) -> out.put(k, v instanceof String s && !settings.masker.mask(s).equals(s) ? dev.rigger.engine.report.Masker.MASK : v));
        return out;
    }

    static String abs(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }
}
