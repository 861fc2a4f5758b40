package dev.rigger.cli;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.module.ModuleRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --modules} for the commands that only look at modules: the registry, with jar warnings printed. */
final class ModuleJars {
    @Option(names = "--modules", paramLabel = "DIR|JAR", description = "Also load modules from these jars or folders.")
    List<Path> modules = List.of();

    @Option(names = "--playbook-dir", paramLabel = "DIR|PLAYBOOK",
            description = "Also see the modules/ folder of this playbook folder (or beside this playbook), as a run of it would.")
    Path playbookDir;

    ModuleRegistry load() {
        Diagnostics d = new Diagnostics();
        List<Path> sources = new ArrayList<>(modules);
        List<Path> near = new ArrayList<>();
        if (playbookDir != null) {
            Workspace.modulesBeside(playbookDir).filter(b -> !sources.contains(b)).ifPresent(sources::add);
            near.add(playbookDir);
        }
        ModuleRegistry r = Workspace.modules(sources, near, d);
        d.list().forEach(System.err::println);
        return r;
    }
}
