package dev.rigger.cli;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.module.ModuleRegistry;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rigger modules}: every module the engine can call, with its origin and version. */
@Command(name = "modules", mixinStandardHelpOptions = true, description = "List available modules: name, origin (built-in or jar), version, summary.")
final class ModulesCommand implements Callable<Integer> {
    @Option(names = "--modules", paramLabel = "DIR|JAR", description = "Also load modules from these jars or folders.")
    List<Path> modules = List.of();

    @Override
    public Integer call() {
        Diagnostics d = new Diagnostics();
        ModuleRegistry r = Workspace.modules(modules, d);
        d.list().forEach(System.err::println);
        r.entries().stream().sorted(Comparator.comparing(e -> e.module().name()))
                .forEach(e -> System.out.printf("%-16s %-12s %-14s %s%n", e.module().name(), e.origin(),
                        e.module().version(), e.module().summary()));
        return ExitCodes.OK;
    }
}
