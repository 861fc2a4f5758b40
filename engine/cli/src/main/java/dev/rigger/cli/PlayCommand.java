package dev.rigger.cli;

import dev.rigger.engine.compile.CompileOptions;
import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.exec.Executor;
import dev.rigger.engine.exec.RunOptions;
import dev.rigger.engine.report.ConsoleReporter;
import dev.rigger.engine.report.JsonReport;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.RunResult;
import dev.rigger.engine.transport.Connector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rigger play}: compile, then plan (check) or apply on every selected host, then report. */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = "Run playbooks: plan every task against the hosts' real state; apply unless --check.")
final class PlayCommand implements Callable<Integer> {
    @Mixin
    Targeting targeting;

    @Option(names = {"-C", "--check"}, description = "Plan only: probe every host and show what would change; change nothing.")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "Show before/after of every change.")
    boolean diff;

    @Option(names = {"-f", "--forks"}, defaultValue = "20", description = "Hosts working at once (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path reportJson;

    @Option(names = "--timeout", defaultValue = "1800", paramLabel = "SECONDS", description = "Default limit for one command on a host.")
    int timeout;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file to check host keys against.")
    Path knownHosts;

    @Option(names = "--accept-new-hostkeys", description = "Trust and record keys of hosts not yet in known_hosts (changed keys are still refused).")
    boolean acceptNew;

    @Option(names = {"-v", "--verbose"}, description = "More detail: -v skipped tasks, outputs and the slowest tasks; -vv each step run; -vvv each probe round trip.")
    boolean[] verbose = new boolean[0];

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (forks < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--forks must be at least 1");
        Logging.verbosity(verbose.length);
        CompiledRun run = Workspace.compile(targeting, spec, System.err);
        Masker masker = new Masker();
        RunOptions opts = new RunOptions(check, forks, Duration.ofSeconds(timeout), Duration.ofSeconds(10), knownHosts, acceptNew);
        Connector connector = new Connector(knownHosts, acceptNew, opts.connectTimeout());
        Executor executor = new Executor(h -> connector.open(run.inventory().host(h).orElseThrow()), masker);
        RunResult result = executor.run(run, opts, new ConsoleReporter(System.out, diff, verbose.length, masker));
        if (reportJson != null) {
            try {
                new JsonReport(masker).write(result, reportJson);
            } catch (IOException e) {
                System.err.println("rigger: cannot write " + reportJson + ": " + e.getMessage());
                return ExitCodes.ERROR;
            }
        }
        return result.exitCode();
    }
}
