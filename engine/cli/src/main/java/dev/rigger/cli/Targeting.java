package dev.rigger.cli;

import dev.rigger.engine.compile.CompileOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options that choose what to compile: inventory, playbooks, limit, tags, extra vars. */
final class Targeting {
    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY", description = "Inventory file (Ansible INI or YAML).")
    Path inventory;

    @Parameters(arity = "1..*", paramLabel = "PLAYBOOK", description = "Playbook files, run in order.")
    List<Path> playbooks;

    /** lookup('pipe') runs a command on this machine: only when the operator says so for this run. */
    @Option(names = "--allow-pipe-lookup",
            description = "Let lookup('pipe', CMD) run CMD on this machine (off by default; or RIGGER_ALLOW_PIPE_LOOKUP=1).")
    void allowPipeLookup(boolean on) {
        dev.rigger.engine.expr.PipeLookup.allow(on);
    }

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "Only hosts matching this pattern.")
    String limit;

    @Option(names = {"-t", "--tags"}, split = ",", paramLabel = "TAGS", description = "Only tasks with these tags.")
    List<String> tags = List.of();

    @Option(names = "--skip-tags", split = ",", paramLabel = "TAGS", description = "Never tasks with these tags.")
    List<String> skipTags = List.of();

    @Option(names = "--modules", paramLabel = "DIR|JAR", description = "Load modules from these jars, or every jar in these folders (a modules/ folder beside a playbook is always used).")
    List<Path> modules = List.of();

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS", description = "k=v, JSON/YAML mapping, or @file.yml; beats every other variable.")
    List<String> extraVars = List.of();

    @Option(names = "--secret-var", paramLabel = "NAME",
            description = "Mask this variable's value in every output, in every play (as a play's secret_vars).")
    List<String> secretVars = List.of();

    /** --modules paths, then a modules/ folder beside each playbook when there is one. */
    List<Path> moduleSources() {
        List<Path> out = new java.util.ArrayList<>(modules);
        for (Path pb : playbooks) Workspace.modulesBeside(pb).filter(b -> !out.contains(b)).ifPresent(out::add);
        return out;
    }

    /** @param vault reads {@code -e @file} when it is (or holds) a vault */
    CompileOptions compileOptions(CommandSpec spec, dev.rigger.engine.vault.VaultReader vault) {
        Map<String, Object> extra = new LinkedHashMap<>();
        for (String e : extraVars) extra.putAll(ExtraVars.parse(e, spec, vault));
        Set<String> t = new LinkedHashSet<>(tags);
        Set<String> s = new LinkedHashSet<>(skipTags);
        return new CompileOptions(extra, limit, t, s, new LinkedHashSet<>(secretVars));
    }
}
