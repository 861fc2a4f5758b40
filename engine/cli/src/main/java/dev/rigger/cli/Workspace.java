package dev.rigger.cli;

import dev.rigger.engine.compile.CompileOptions;
import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.compile.Compiler;
import dev.rigger.engine.diag.Diagnostic;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.load.PlaybookLoader;
import dev.rigger.engine.model.Playbook;
import dev.rigger.engine.module.ModuleLoader;
import dev.rigger.engine.module.ModuleRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Load and compile, shared by every command that needs a graph: diagnostics of all stages are
 * printed together, and any error ends the command with exit code 4 before a host is touched.
 */
final class Workspace {
    private Workspace() { }

    static Inventory inventory(Path file, PrintStream err) {
        Diagnostics d = new Diagnostics();
        Inventory inv = Inventory.load(file, d);
        report(d, err);
        return inv;
    }

    static CompiledRun compile(Targeting t, picocli.CommandLine.Model.CommandSpec spec, PrintStream err) {
        return compile(t.inventory, t.playbooks, t.moduleSources(), t.compileOptions(spec), err);
    }

    static ModuleRegistry modules(List<Path> sources, Diagnostics d) {
        return new ModuleLoader(Workspace.class.getClassLoader()).load(sources, d);
    }

    static CompiledRun compile(Path inventory, List<Path> playbooks, List<Path> moduleSources, CompileOptions opts, PrintStream err) {
        return compile(inventory, playbooks, moduleSources, opts, err, new PlaybookLoader());
    }

    /** As above, with the caller's loader, which then knows every file read (a saved plan's inputs). */
    static CompiledRun compile(Path inventory, List<Path> playbooks, List<Path> moduleSources, CompileOptions opts,
                               PrintStream err, PlaybookLoader loader) {
        Diagnostics d = new Diagnostics();
        ModuleRegistry registry = modules(moduleSources, d);
        Inventory inv = Inventory.load(inventory, d);
        List<Playbook> books = new ArrayList<>();
        for (Path p : playbooks) loader.load(p, d).ifPresent(books::add);
        if (d.hasErrors()) report(d, err);
        var run = new Compiler(registry).compile(books, inv, opts, d);
        report(d, err);
        return run.orElseThrow(() -> new ExitException(ExitCodes.INVALID));
    }

    /** Prints every diagnostic; exits with 4 when one is an error. */
    static void report(Diagnostics d, PrintStream err) {
        for (Diagnostic x : d.list()) err.println(x);
        if (d.hasErrors()) throw new ExitException(ExitCodes.INVALID);
    }
}
