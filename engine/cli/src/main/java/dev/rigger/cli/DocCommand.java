package dev.rigger.cli;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.module.ModuleRegistry;
import dev.rigger.spi.Module;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rigger doc NAME}: a module's parameters, examples and check/diff support, from its declared spec. */
@Command(name = "doc", mixinStandardHelpOptions = true, description = "Show a module's parameters, examples and check/diff support.")
final class DocCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODULE")
    String name;

    @Option(names = "--modules", paramLabel = "DIR|JAR", description = "Also load modules from these jars or folders.")
    List<Path> modules = List.of();

    @Override
    public Integer call() {
        Diagnostics d = new Diagnostics();
        ModuleRegistry r = Workspace.modules(modules, d);
        d.list().forEach(System.err::println);
        Module m = r.find(name).orElse(null);
        if (m == null) {
            System.err.println("rigger: " + r.unknown(name));
            return ExitCodes.BAD_OPTIONS;
        }
        System.out.print(ModuleDoc.markdown(m));
        return ExitCodes.OK;
    }
}
