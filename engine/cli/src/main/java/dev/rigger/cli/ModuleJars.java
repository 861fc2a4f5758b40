package dev.rigger.cli;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.module.ModuleRegistry;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --modules} for the commands that only look at modules: the registry, with jar warnings printed. */
final class ModuleJars {
    @Option(names = "--modules", paramLabel = "DIR|JAR", description = "Also load modules from these jars or folders.")
    List<Path> modules = List.of();

    ModuleRegistry load() {
        Diagnostics d = new Diagnostics();
        ModuleRegistry r = Workspace.modules(modules, d);
        d.list().forEach(System.err::println);
        return r;
    }
}
