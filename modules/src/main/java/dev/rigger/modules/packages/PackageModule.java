package dev.rigger.modules.packages;

import dev.rigger.modules.facts.PackageManagerFact;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import dev.rigger.spi.check.ParamBinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's {@code package}: the host's package manager module, chosen as Ansible chooses it (the
 * {@code ansible_pkg_mgr} fact, asked in the plan's first round trip as setup decides it: apt on
 * the Debian family, dnf or yum on the RedHat family), planned with the task's arguments. Besides
 * {@code name}, {@code state} and {@code use}, it takes the parameters of the modules it
 * dispatches to, and passes one only to a module that has it: a yum parameter on an apt host is
 * refused, naming both.
 */
public final class PackageModule implements Module {
    private static final Map<String, Module> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("apt", new AptModule());
        TARGETS.put("dnf", new DnfModule());
        TARGETS.put("yum", new YumModule());
    }

    private static final ParamSpec SPEC = mergedSpec();

    private static ParamSpec mergedSpec() {
        ParamSpec.Builder b = ParamSpec.builder()
                .add(Param.list("name").aliases("pkg", "package").notEmpty()
                        .doc("packages, as the host's package manager module names them (nginx=1.22* for apt, nginx-1.22 for yum)"))
                .add(Param.string("state").doc("present or absent; other states (latest, ...) where the host's module has them; its default when not given"))
                .add(Param.choice("use", "auto", "apt", "dnf", "yum").defaultValue("auto")
                        .doc("the module to use; auto: the host's ansible_pkg_mgr (apt on Debian, dnf or yum on RedHat)"));
        Set<String> seen = new LinkedHashSet<>(List.of("name", "state", "use"));
        Map<String, List<String>> owners = new LinkedHashMap<>();
        Map<String, Param> first = new LinkedHashMap<>();
        Map<String, Set<String>> aliases = new LinkedHashMap<>();
        for (Map.Entry<String, Module> t : TARGETS.entrySet()) {
            if (t.getKey().equals("dnf")) continue; // yum's spec under another name
            for (Param p : t.getValue().spec().params()) {
                if (seen.contains(p.name())) continue;
                first.putIfAbsent(p.name(), p);
                owners.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(t.getKey().equals("yum") ? "yum/dnf" : t.getKey());
                aliases.computeIfAbsent(p.name(), k -> new LinkedHashSet<>()).addAll(p.aliases());
            }
        }
        for (Param p : first.values()) {
            // no default: only what the task gives is passed on (the target fills in its own defaults)
            List<String> by = owners.get(p.name());
            String doc = by.size() > 1 ? "passed to " + String.join(" and ", by) + " (see their pages)" : "passed to " + by.get(0) + " only: " + p.doc();
            Param copy = new Param(p.name(), p.type(), false, null, by.size() > 1 ? List.of() : p.choices(), List.copyOf(aliases.get(p.name())),
                    p.isSecret(), doc, p.elements(), p.options(), p.checks());
            b.add(copy);
        }
        return b.build();
    }

    @Override
    public String name() { return "package"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.package"); }

    @Override
    public String summary() { return "Install and remove packages with the host's package manager (apt, dnf or yum)"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() { return "- package:\n    name: [nginx, curl]\n    state: present\n"; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return p.string("use").equals("auto") ? List.of(PackageManagerFact.probe()) : List.of();
    }

    @Override
    public Change plan(Params p, Host host) {
        String use = p.string("use");
        String mgr = use.equals("auto") ? PackageManagerFact.of(host.probe(List.of(PackageManagerFact.probe())).get(0)) : use;
        Module target = TARGETS.get(mgr);
        if (target == null) {
            throw new ModuleException("the host's package manager is '" + mgr + "' (ansible_pkg_mgr), for which Rigger has no module;"
                    + " known: " + String.join(", ", TARGETS.keySet()) + " (set use: to one of them if the host has it)");
        }
        return target.plan(bind(p, target, mgr), host);
    }

    /** The task's arguments as the target module's parameters, checked and completed by the engine's own binder. */
    private static Params bind(Params p, Module target, String mgr) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : p.values().entrySet()) {
            if (e.getValue() == null || e.getKey().equals("use")) continue;
            if (target.spec().find(e.getKey()).isEmpty()) {
                throw new ModuleException(e.getKey() + " is not a parameter of " + mgr + ", the module package uses on this host"
                        + " (ansible_pkg_mgr=" + mgr + "): leave it out, or call the module that has it under a when: on ansible_pkg_mgr");
            }
            given.put(e.getKey(), e.getValue());
        }
        ParamBinder.Bound bound = new ParamBinder().bind(target.name(), target.spec(), given);
        if (!bound.ok()) throw new ModuleException("package (using " + mgr + "): " + bound.message());
        Map<String, Object> values = bound.values();
        return new Params() {
            @Override
            public Map<String, Object> values() { return values; }

            @Override
            public byte[] localFile(String name) { return p.localFile(name); }

            @Override
            public String template(String name) { return p.template(name); }
        };
    }

    /** apt's outputs (stdout, stderr) when apt-get ran; yum and dnf register none. */
    @Override
    public Map<String, Object> outputs(Params p, List<StepResult> results) {
        boolean apt = results.stream().anyMatch(r -> r.step() instanceof Step.Run run && run.argv().contains("apt-get"));
        return apt ? TARGETS.get("apt").outputs(p, results) : Map.of();
    }
}
