package dev.rigger.cli;

import dev.rigger.engine.module.ModuleRegistry;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rigger modules}: every module the engine can call, with its origin and version. */
@Command(name = "modules", mixinStandardHelpOptions = true, description = "List available modules: name, origin (built-in or jar), version, summary.")
final class ModulesCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    ModuleJars jars;

    @Override
    public Integer call() {
        ModuleRegistry r = jars.load();
        r.entries().stream().sorted(Comparator.comparing(e -> e.module().name()))
                .forEach(e -> System.out.printf("%-16s %-12s %-14s %s%n", e.module().name(), e.origin(),
                        e.module().version(), e.module().summary()));
        return ExitCodes.OK;
    }
}
