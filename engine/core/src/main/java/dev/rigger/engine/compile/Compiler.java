package dev.rigger.engine.compile;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.spi.check.Suggest;
import dev.rigger.engine.expr.ExpressionCompiler;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.model.Play;
import dev.rigger.engine.model.Playbook;
import dev.rigger.engine.model.Task;
import dev.rigger.engine.module.ModuleRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Playbooks + inventory -> {@link CompiledRun}: every module, argument and expression checked,
 * one node per (host, task), edges for order, handlers, cross-host reads and {@code needs}.
 * No I/O: a run that fails here has touched no host.
 */
public final class Compiler {
    /** Names every expression may read besides variables. */
    public static final Set<String> BUILTINS = Set.of("inventory_hostname", "groups", "hostvars", "vars",
            "facts", "item", "playbook_dir", "ansible_check_mode", "inventory_hostname_short", "group_names",
            "omit", "ansible_managed", "ansible_play_hosts", "ansible_play_batch", "ansible_play_hosts_all",
            "inventory_dir", "inventory_file", "ansible_search_path");

    /** What a block's rescue reads of the failure it rescues. */
    static final Set<String> RESCUE_NAMES = Set.of("ansible_failed_task", "ansible_failed_result");

    private final ModuleRegistry modules;

    public Compiler(ModuleRegistry modules) {
        this.modules = modules;
    }

    public Optional<CompiledRun> compile(List<Playbook> playbooks, Inventory inv, CompileOptions opts, Diagnostics diags) {
        TemplatedFactNames templated = new TemplatedFactNames();
        Set<String> known = knownNames(playbooks, inv, opts, templated, diags);
        checkSecretNames(playbooks, opts, known, diags);
        java.util.function.Predicate<String> setByTemplatedKey = templated.known();
        ExpressionCompiler ec = new ExpressionCompiler(known, n -> FactNames.isInterface(n) || setByTemplatedKey.test(n));
        TaskCompiler tasks = new TaskCompiler(modules, ec, opts.become(), opts.becomeAs());
        Map<String, Map<String, Object>> hostVars = new LinkedHashMap<>();
        for (String h : inv.hostNames()) {
            Map<String, Object> vars = new LinkedHashMap<>();
            inv.host(h).orElseThrow().vars().forEach((k, v) -> vars.put(k, ValueTree.compileDeferringErrors(v, Location.NONE, ec)));
            hostVars.put(h, vars);
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        opts.extraVars().forEach((k, v) -> extra.put(k, ValueTree.compile(v, Location.NONE, ec, diags)));

        GraphBuilder graph = new GraphBuilder(inv, opts);
        List<PlayChecks> checks = new ArrayList<>();
        List<Play> gathering = new ArrayList<>();
        Map<Play, List<String>> playHosts = new java.util.IdentityHashMap<>();
        List<Set<String>> reads = new ArrayList<>();
        List<Map<String, Object>> varSources = new ArrayList<>(hostVars.values());
        varSources.add(extra);
        for (Playbook pb : playbooks) {
            for (Play play : pb.plays()) {
                List<String> hosts = graph.hostsFor(play, diags);
                checkRemoteUsers(play, hosts, inv, diags);
                TaskCompiler.PlayTasks compiled = tasks.play(play, diags);
                graph.addPlay(play, hosts, compiled, diags);
                PlayChecks c = tasks.checks(play, hosts, compiled.playVars(), diags);
                if (!c.isEmpty()) checks.add(c);
                varSources.add(compiled.playVars());
                varSources.addAll(compiled.roleVarSources());
                reads.add(readsOf(compiled, c));
                if (play.gathering().on()) {
                    gathering.add(play);
                    playHosts.put(play, hosts);
                }
            }
        }
        if (!graph.started()) diags.error(Location.NONE, "--start-at-task '" + opts.startAtTask() + "': no task of the playbooks has that name");
        Set<String> read = ReadClosure.reportDeferred(reads, varSources, diags);
        List<FactGathering> gathers = gathers(gathering, playHosts, FactNames.filter(read), diags);
        graph.linkNeedsAndReads(ec, hostVars, diags);
        if (diags.hasErrors()) return Optional.empty();
        ExecutionGraph g = graph.build();
        Optional<List<TaskNode>> cycle = CycleCheck.find(g);
        if (cycle.isPresent()) {
            diags.error(cycle.get().get(0).task().task().location(), "dependency cycle: " + CycleCheck.describe(cycle.get()));
            return Optional.empty();
        }
        return Optional.of(new CompiledRun(g, inv, hostVars, extra, checks, Set.copyOf(opts.secretVars()), gathers,
                read.contains("hostvars") || read.contains("ansible_play_hosts") || read.contains("ansible_play_batch") || includesVars(g)));
    }

    /** Whether a task reads a vars file when it runs: its values, compiled then, may read another host's variables. */
    private static boolean includesVars(ExecutionGraph g) {
        return g.allNodes().stream().anyMatch(n -> n.task().module() != null && n.task().module().name().equals("include_vars"));
    }

    /** The plays that gather facts, each with the setup module and the filter of what the run reads; none when it reads none. */
    private List<FactGathering> gathers(List<Play> plays, Map<Play, List<String>> hosts, List<String> filter, Diagnostics diags) {
        List<FactGathering> out = new ArrayList<>();
        if (filter.isEmpty() || plays.isEmpty()) return out;
        var setup = modules.find("setup");
        if (setup.isEmpty()) {
            diags.error(plays.get(0).location(), "gather_facts needs the setup module, which is not loaded: write gather_facts: false");
            return out;
        }
        for (Play p : plays) out.add(new FactGathering(p.name(), hosts.get(p), setup.get(), p.gathering().subset(), filter));
        return out;
    }

    /** Every variable name a play's tasks, handlers, facts and rules read (another host's too, through hostvars). */
    private static Set<String> readsOf(TaskCompiler.PlayTasks compiled, PlayChecks checks) {
        Set<String> names = new LinkedHashSet<>();
        List<CompiledTask> all = new ArrayList<>(compiled.handlers());
        compiled.sections().forEach(all::addAll);
        for (CompiledTask t : all) {
            names.addAll(t.reads());
            // a template file is rendered when the task runs; what it reads is known now when its src is written out
            if (t.module() != null && t.module().name().equals("template")) {
                names.addAll(TemplateFileReads.of(t).orElse(Set.of("ansible_facts", "hostvars")));
            }
            // a whole hostvars[h] can reach every variable of h, as vars does
            t.hostvars().forEach(r -> names.add(r.attribute() != null ? r.attribute() : "vars"));
            ValueTree.reads(t.vars(), names, new ArrayList<>());
        }
        checks.facts().values().forEach(f -> names.addAll(f.rootNames()));
        for (PlayChecks.Rule r : checks.rules()) {
            names.addAll(r.assertion().rootNames());
            if (r.message() != null) names.addAll(r.message().rootNames());
        }
        return names;
    }

    /**
     * {@code remote_user} is accepted where it names the user Rigger connects to each host of the
     * play as; elsewhere the play would run as another user than written, so it is an error.
     */
    private static void checkRemoteUsers(Play play, List<String> hosts, Inventory inv, Diagnostics diags) {
        for (Play.RemoteUser r : play.remoteUsers()) {
            if (r.user() == null || r.user().contains("{{") || r.user().contains("{%")) {
                diags.error(r.location(), "remote_user: a template (or no value) is not supported: set ansible_user for the "
                        + "hosts in the inventory, or run with -u USER");
                continue;
            }
            List<String> others = hosts.stream().filter(h -> !r.user().equals(inv.host(h).orElseThrow().user())).toList();
            if (others.isEmpty()) continue;
            String h = others.get(0);
            String user = inv.host(h).orElseThrow().user();
            diags.error(r.location(), "remote_user: " + r.user() + " differs from the user Rigger connects to " + h
                    + (others.size() > 1 ? " (and " + (others.size() - 1) + " more)" : "") + " as, '" + user
                    + "' (from ansible_user, -u or ansible.cfg's remote_user; root without): set ansible_user: " + r.user()
                    + " for the hosts in the inventory, or run with -u " + r.user() + ", or remove remote_user");
        }
    }

    /** A misspelt secret name would leave the secret shown: it is an error, as any unknown name. */
    private static void checkSecretNames(List<Playbook> playbooks, CompileOptions opts, Set<String> known, Diagnostics diags) {
        for (String n : opts.secretVars()) {
            if (!known.contains(n)) diags.error(Location.NONE, "--secret-var " + n + ": no such variable" + Suggest.hint(n, known));
        }
        for (Playbook pb : playbooks) {
            for (Play play : pb.plays()) {
                for (String n : play.secretVars()) {
                    if (!known.contains(n)) diags.error(play.location(), "secret_vars: no such variable '" + n + "'" + Suggest.hint(n, known));
                }
            }
        }
    }

    /** Every root name an expression could read in this run; anything else is a typo. */
    private static Set<String> knownNames(List<Playbook> playbooks, Inventory inv, CompileOptions opts,
                                          TemplatedFactNames templated, Diagnostics diags) {
        Set<String> names = new LinkedHashSet<>(BUILTINS);
        names.addAll(FactNames.variables());
        for (String h : inv.hostNames()) names.addAll(inv.host(h).orElseThrow().vars().keySet());
        names.addAll(opts.extraVars().keySet());
        for (Playbook pb : playbooks) {
            for (Play play : pb.plays()) {
                names.addAll(play.vars().keySet());
                play.roles().forEach(r -> addRoleNames(r, names));
                List<Task> all = new ArrayList<>();
                play.sections().forEach(all::addAll);
                all.addAll(play.handlers());
                for (Task t : all) {
                    if (t.register() != null) names.add(t.register());
                    names.addAll(KeyValueArgs.names(t));
                    names.addAll(FactNames.ofModule(t.module()));
                    names.addAll(IncludedNames.of(t, play.baseDir()));
                    if (t.rescued()) names.addAll(RESCUE_NAMES);
                    names.addAll(loopNames(t.loopControl()));
                    names.addAll(t.vars().keySet());
                    if (t.role() != null) addRoleNames(t.role(), names);
                }
                templated.add(play, all, diags);
            }
        }
        names.addAll(templated.names());
        return names;
    }

    /** What a loop sets on each item (Preparations.loopVars). */
    private static List<String> loopNames(dev.rigger.engine.model.LoopControl lc) {
        List<String> out = new ArrayList<>(List.of(lc.loopVar(), "ansible_loop_var"));
        if (lc.indexVar() != null) out.addAll(List.of(lc.indexVar(), "ansible_index_var"));
        if (lc.extended()) out.add("ansible_loop");
        return out;
    }

    private static void addRoleNames(dev.rigger.engine.model.Role r, Set<String> names) {
        names.addAll(r.defaults().keySet());
        names.addAll(r.vars().keySet());
        names.addAll(r.params().keySet());
    }

    static Map<String, Object> scopeForStaticIndex(Inventory inv, String host) {
        Map<String, Object> scope = new HashMap<>(inv.host(host).orElseThrow().vars());
        scope.put("inventory_hostname", host);
        scope.put("groups", inv.groups());
        return scope;
    }
}
