package dev.rigger.cli;

import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.compile.DotWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code rigger graph}: the compiled DAG as Graphviz DOT, one lane per host, cross-host edges in red. */
@Command(name = "graph", mixinStandardHelpOptions = true, description = "Print the compiled task graph as DOT.")
final class GraphCommand implements Callable<Integer> {
    @Mixin
    Targeting targeting;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CompiledRun run = Workspace.compile(targeting, spec, System.err);
        System.out.print(DotWriter.dot(run.graph()));
        return ExitCodes.OK;
    }
}
