package dev.rigger.cli;

import dev.rigger.engine.module.ModuleRegistry;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rigger modules}: every module the engine can call, with its origin. */
@Command(name = "modules", mixinStandardHelpOptions = true, description = "List available modules.")
final class ModulesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        ModuleRegistry r = ModuleRegistry.discover(getClass().getClassLoader());
        r.entries().stream().sorted(Comparator.comparing(e -> e.module().name()))
                .forEach(e -> System.out.printf("%-16s %-10s %s%n", e.module().name(), e.origin(), e.module().summary()));
        return ExitCodes.OK;
    }
}
