package dev.rigger.cli;

import dev.rigger.engine.module.ModuleRegistry;
import dev.rigger.spi.Module;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rigger doc NAME}: a module's parameters, examples and check/diff support, from its declared spec. */
@Command(name = "doc", mixinStandardHelpOptions = true, description = "Show a module's parameters, examples and check/diff support.")
final class DocCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODULE")
    String name;

    @picocli.CommandLine.Mixin
    ModuleJars jars;

    @Override
    public Integer call() {
        ModuleRegistry r = jars.load();
        Module m = r.find(name).orElse(null);
        if (m == null) {
            System.err.println("rigger: " + r.unknown(name));
            return ExitCodes.BAD_OPTIONS;
        }
        System.out.print(ModuleDoc.markdown(m));
        return ExitCodes.OK;
    }
}
