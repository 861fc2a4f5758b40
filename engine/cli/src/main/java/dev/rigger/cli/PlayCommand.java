package dev.rigger.cli;

import dev.rigger.engine.compile.CompileOptions;
import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.exec.StepQuestions;
import dev.rigger.engine.model.Playbook;
import java.nio.file.Path;
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

    @Option(names = "--syntax-check", description = "Load and compile the playbooks against the inventory; touch no host.")
    boolean syntaxCheck;

    @Option(names = "--list-hosts", description = "List each play's hosts (as ansible-playbook); touch no host.")
    boolean listHosts;

    @Option(names = "--list-tasks", description = "List each play's tasks with their tags (as ansible-playbook); touch no host.")
    boolean listTasks;

    @Option(names = "--list-tags", description = "List each play's task tags (as ansible-playbook); touch no host.")
    boolean listTags;

    @Option(names = "--step", description = "On a terminal: before each task ask 'Perform task: TASK: NAME (N)o/(y)es/(c)ontinue:' "
            + "(as ansible-playbook; continue stops asking for the rest of the play).")
    boolean step;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (step && System.console() == null) {
            // ansible-playbook reads the answers from a pipe too, and at its end stops the run with exit code 2 and no word why
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--step asks before each task and needs a terminal "
                    + "(stdin and stdout): run it in one, or choose the tasks with --tags, --skip-tags or --start-at-task");
        }
        Inputs in = vault.inputs(settings.masker);
        CompileOptions opts = targeting.compileOptions(spec, in.vault());
        CompiledRun run = Workspace.compile(targeting.inventories(spec), targeting.playbooks, targeting.moduleSources(), opts,
                targeting.hostDefaults(), System.err, in);
        if (syntaxCheck || listHosts || listTasks || listTags) return list(run, opts, in);
        settings.forceHandlers = targeting.forcesHandlers();
        settings.ssh = targeting.sshArgs();
        if (step) settings.step = new StepQuestions(q -> System.console().readLine("%s", q));
        RunResult result = settings.execute(run, check);
        return detailedExitCode && check ? RunSettings.detailed(result) : result.exitCode();
    }

    /** --syntax-check and the listings: the playbooks compiled (any error is exit 4 already), then printed. */
    private int list(CompiledRun run, CompileOptions opts, Inputs in) {
        PlaybookListing listing = new PlaybookListing(run.inventory(), opts, System.out);
        for (Path p : targeting.playbooks) {
            Playbook book = in.loader().load(p, new Diagnostics()).orElseThrow();
            if (listHosts || listTasks || listTags) {
                listing.print(book, listHosts, listTasks, listTags);
            } else {
                System.out.println();
                System.out.println("playbook: " + book.file());
            }
        }
        return ExitCodes.OK;
    }
}
