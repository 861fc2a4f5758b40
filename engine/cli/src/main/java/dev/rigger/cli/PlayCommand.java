package dev.rigger.cli;

import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.report.RunResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigger play}: compile, then plan (check) or apply on every selected host, then report. */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = "Run playbooks: plan every task against the hosts' real state; apply unless --check.")
final class PlayCommand implements Callable<Integer> {
    @Mixin
    Targeting targeting;

    @Mixin
    RunSettings settings;

    @Mixin
    VaultOptions vault;

    @Option(names = {"-C", "--check"}, description = "Plan only: probe every host and show what would change; change nothing.")
    boolean check;

    @Option(names = "--detailed-exitcode", description = "With --check: 0 no changes, 2 changes pending, 1 error (as terraform plan).")
    boolean detailedExitCode;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CompiledRun run = Workspace.compile(targeting, spec, System.err, vault.inputs(settings.masker));
        RunResult result = settings.execute(run, check);
        return detailedExitCode && check ? RunSettings.detailed(result) : result.exitCode();
    }
}
