package dev.rigger.cli;

import dev.rigger.engine.compile.CompileOptions;
import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.compile.Compiler;
import dev.rigger.engine.diag.Diagnostic;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.model.Playbook;
import dev.rigger.engine.module.ModuleLoader;
import dev.rigger.engine.module.ModuleRegistry;
import dev.rigger.engine.report.Masker;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Load and compile, shared by every command that needs a graph: diagnostics of all stages are
 * printed together (masked: a vault's values are learnt as it is read), and any error ends the
 * command with exit code 4 before a host is touched.
 */
final class Workspace {
    private Workspace() { }

    static Inventory inventory(List<String> sources, List<Path> playbookDirs, PrintStream err, Inputs in) {
        Diagnostics d = new Diagnostics();
        Inventory inv = Inventory.load(sources, playbookDirs, d, in.vault());
        report(d, err, in.masker());
        return inv;
    }

    static CompiledRun compile(Targeting t, picocli.CommandLine.Model.CommandSpec spec, PrintStream err, Inputs in) {
        return compile(t.inventories(spec), t.playbooks, t.moduleSources(), t.compileOptions(spec, in.vault()), t.hostDefaults(), err, in);
    }

    static ModuleRegistry modules(List<Path> sources, Diagnostics d) {
        return modules(sources, List.of(), d);
    }

    /** @param near the playbooks (or their folders): an unknown module that a jar near them declares names the jar */
    static ModuleRegistry modules(List<Path> sources, List<Path> near, Diagnostics d) {
        List<Path> folders = new ArrayList<>();
        for (Path p : near) folders.add(Files.isDirectory(p) ? p : p.toAbsolutePath().getParent());
        folders.add(Path.of("").toAbsolutePath());
        return new ModuleLoader(Workspace.class.getClassLoader()).load(sources, folders, d);
    }

    /** The {@code modules/} folder beside a playbook (or in a playbook folder), when there is one. */
    static Optional<Path> modulesBeside(Path playbookOrFolder) {
        Path folder = Files.isDirectory(playbookOrFolder) ? playbookOrFolder : playbookOrFolder.toAbsolutePath().getParent();
        Path beside = folder.toAbsolutePath().resolve("modules");
        return Files.isDirectory(beside) ? Optional.of(beside) : Optional.empty();
    }

    /** {@code in.loader()} then knows every file read (a saved plan's inputs). */
    static CompiledRun compile(List<String> inventory, List<Path> playbooks, List<Path> moduleSources, CompileOptions opts,
                               PrintStream err, Inputs in) {
        return compile(inventory, playbooks, moduleSources, opts, java.util.Map.of(), err, in);
    }

    /** @param hostDefaults -u, --private-key, -c: under every host's own variables */
    static CompiledRun compile(List<String> inventory, List<Path> playbooks, List<Path> moduleSources, CompileOptions opts,
                               java.util.Map<String, Object> hostDefaults, PrintStream err, Inputs in) {
        // -e values of variables marked secret are masked before anything is printed
        for (String n : opts.secretVars()) in.masker().addLeaves(opts.extraVars().get(n));
        Diagnostics d = new Diagnostics();
        ModuleRegistry registry = modules(moduleSources, playbooks, d);
        Inventory inv = Inventory.load(inventory, playbookDirs(playbooks), d, in.vault()).withHostDefaults(hostDefaults);
        List<Playbook> books = new ArrayList<>();
        for (Path p : playbooks) in.loader().load(p, d).ifPresent(books::add);
        if (d.hasErrors()) report(d, err, in.masker());
        var run = new Compiler(registry).compile(books, inv, opts, d);
        report(d, err, in.masker());
        return run.orElseThrow(() -> new ExitException(ExitCodes.INVALID));
    }

    /** The playbooks' folders, in order, once each: their group_vars/ and host_vars/ beat the inventory's. */
    static List<Path> playbookDirs(List<Path> playbooks) {
        return playbooks.stream().map(p -> p.toAbsolutePath().normalize().getParent()).distinct().toList();
    }

    /** Prints every diagnostic, masked; exits with 4 when one is an error. */
    static void report(Diagnostics d, PrintStream err, Masker masker) {
        for (Diagnostic x : d.list()) err.println(masker.mask(x.toString()));
        if (d.hasErrors()) throw new ExitException(ExitCodes.INVALID);
    }
}
