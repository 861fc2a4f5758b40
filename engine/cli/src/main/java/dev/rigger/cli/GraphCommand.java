package dev.rigger.cli;

import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.compile.DotWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code rigger graph}: the compiled DAG as Graphviz DOT, one lane per host, cross-host edges in red. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Print the compiled task graph: DOT (for Graphviz), or an SVG/HTML picture with a lane per host.")
final class GraphCommand implements Callable<Integer> {
    @Mixin
    Targeting targeting;

    @Mixin
    VaultOptions vault;

    /** Output formats. */
    enum Format { dot, svg, html }

    @picocli.CommandLine.Option(names = "--format", defaultValue = "dot", description = "dot, svg or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CompiledRun run = Workspace.compile(targeting, spec, System.err, vault.inputs(new dev.rigger.engine.report.Masker()));
        System.out.print(switch (format) {
            case dot -> DotWriter.dot(run.graph());
            case svg -> dev.rigger.engine.compile.SvgWriter.svg(run.graph());
            case html -> dev.rigger.engine.compile.SvgWriter.html(run.graph());
        });
        return ExitCodes.OK;
    }
}
