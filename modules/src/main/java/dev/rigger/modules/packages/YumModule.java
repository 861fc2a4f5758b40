package dev.rigger.modules.packages;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Packages through dnf (also when it is called {@code yum}), or yum 3 where dnf is absent
 * (CentOS 7: see {@link Yum3}; the probe that finds the program tells them apart). A host where rpm shows every spec
 * satisfied is answered from rpm alone. Otherwise one round trip asks the repositories what
 * they offer and the plan names exact builds, so apply is one {@code dnf install} (installs,
 * upgrades and downgrades together) or one {@code dnf remove}; except that apply, installing
 * packages none of whose builds is installed, lets that one {@code dnf install} choose.
 */
public final class YumModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.list("name").aliases("pkg").notEmpty().doc("packages: name, name-version (kubelet-1.16.2), name-version-release, name.arch, or a glob"))
            .add(Param.choice("state", "present", "installed", "latest", "absent", "removed").defaultValue("present")
                    .doc("present/installed: some build matching the spec is installed (a pinned version is installed, upgraded or downgraded to); latest: the newest build; absent/removed: none"))
            .add(Param.string("disable_excludes").doc("repository id whose exclude= is ignored; 'all' or 'main' as in dnf"))
            .add(Param.list("exclude").doc("package names or globs dnf leaves out of this task (--exclude), as Ansible's exclude"))
            .add(Param.list("enablerepo").doc("repository ids to enable for this task"))
            .add(Param.list("disablerepo").doc("repository ids to disable for this task (applied before enablerepo)"))
            .add(Param.bool("update_cache").defaultValue(false).aliases("expire-cache")
                    .doc("refresh the repository metadata before looking (also in check mode)"))
            .requiredIf("update_cache", false, "name")
            .build();
    private static final String REPO_FILES = "cat /etc/yum.repos.d/*.repo 2>/dev/null; true";
    /** dnf when it is installed; otherwise yum (then yum 3) and whether yum-utils' repoquery is there. */
    private static final String WHICH = "command -v dnf || { command -v yum; command -v repoquery; }";

    @Override
    public String name() { return "yum"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.yum"); }

    @Override
    public String summary() { return "Install, upgrade, downgrade and remove packages with dnf/yum"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public List<Probe> firstProbes(Params p) {
        List<PackageSpec> specs = PackageSpec.all(p.list("name"));
        Dnf dnf = Dnf.of(p);
        if (specs.isEmpty()) return dnf.refresh() ? List.of(new Probe.Run(dnf.makecache())) : List.of();
        String state = state(p);
        return Facts.probes(dnf, specs, !installedFirst(state, specs, dnf) && !state.equals("absent"));
    }

    private static String state(Params p) {
        return switch (p.string("state")) {
            case "installed" -> "present";
            case "removed" -> "absent";
            default -> p.string("state");
        };
    }

    /** Exact specs to be present, without a refresh: rpm alone may show they are (a glob asks for every matching name dnf knows). */
    private static boolean installedFirst(String state, List<PackageSpec> specs, Dnf dnf) {
        return state.equals("present") && specs.stream().allMatch(s -> s.glob() == null) && !dnf.refresh();
    }

    @Override
    public Change plan(Params p, Host host) {
        List<PackageSpec> specs = PackageSpec.all(p.list("name"));
        String state = state(p);
        Dnf dnf = Dnf.of(p);
        if (specs.isEmpty()) return refreshOnly(dnf, host);
        Facts facts;
        if (installedFirst(state, specs, dnf)) {
            Facts local = Facts.gather(dnf, specs, false, host);
            List<PackageSpec> missing = new Resolver(local.installed(), List.of(), local.arch()).resolve("present", specs).unmatched();
            if (missing.isEmpty()) return Change.none();
            // with exclude the repositories are asked first: an excluded spec fails in check mode too, as in Ansible
            if (p.list("exclude").isEmpty() && missing.stream().noneMatch(m -> namesInstalled(m, local.installed()))) {
                return reposUndefined(local, names(missing)).orElseGet(() -> installMissing(local.dnf(), missing));
            }
            facts = local.withAvailable(specs, host); // rpm's answers still hold: only the repositories are asked
        } else {
            facts = Facts.gather(dnf, specs, !state.equals("absent"), host);
        }
        Resolver.Resolution r = new Resolver(facts.installed(), facts.available(), facts.arch()).resolve(state, specs);
        if (!r.unmatched().isEmpty()) return unmatched(facts, r.unmatched(), host);
        return transaction(facts.dnf(), r.changes());
    }

    /**
     * A host where nothing the specs name is installed: dnf resolves and installs in one start,
     * where asking it first (repoquery) and installing after were two, most of a fresh host's
     * time. The diff names the specs, not the builds: dnf picks them as it installs, and the
     * plan after apply proves what is there. Check mode plans the same (so a saved plan is what
     * apply does): it does not ask the repositories either.
     */
    private static Change installMissing(Dnf dnf, List<PackageSpec> missing) {
        List<Diff> diffs = missing.stream().map(m -> Diff.create("package " + m.text(), "the build " + dnf.program() + " picks")).toList();
        return Change.of(diffs, List.of(Step.Run.of(dnf.transaction("install", missing.stream().map(PackageSpec::text).toList()))));
    }

    /** Whether a build of the package {@code spec} names is installed, maybe in another version (an upgrade or downgrade: planned exactly). */
    private static boolean namesInstalled(PackageSpec spec, List<Nevra> installed) {
        return installed.stream().anyMatch(p -> spec.text().equals(p.name()) || spec.text().startsWith(p.name() + "-")
                || spec.text().startsWith(p.name() + "."));
    }

    /** {@code update_cache} without packages (the spec needs one or the other): refreshing metadata is not a change of the host. */
    private static Change refreshOnly(Dnf dnf, Host host) {
        ProbeResult r = host.probe(List.of(new Probe.Run(dnf.makecache()))).get(0);
        if (!r.ok() && r.exitCode() == 127) { // no dnf: yum 3 (one more round trip, only there)
            Dnf yum = dnf.on("/usr/bin/yum");
            r = host.probe(List.of(new Probe.Run(yum.makecache()))).get(0);
        }
        if (!r.ok()) throw new ModuleException("cannot refresh the metadata: " + r.error().trim());
        return Change.none();
    }

    private static Change transaction(Dnf dnf, List<PackageChange> changes) {
        if (changes.isEmpty()) return Change.none();
        List<Diff> diffs = changes.stream().map(PackageChange::diff).toList();
        if (dnf.yum3()) return Change.of(diffs, Yum3.transactions(dnf, changes).stream().map(a -> (Step) Step.Run.of(a)).toList());
        List<String> targets = changes.stream().map(PackageChange::target).toList();
        boolean removing = changes.get(0).kind() == PackageChange.Kind.REMOVE;
        return Change.of(diffs, List.of(Step.Run.of(dnf.transaction(removing ? "remove" : "install", targets))));
    }

    /**
     * Nothing offers a spec. When the repository the task names is not defined yet (check mode
     * before the task that adds it), the outcome is unknown; otherwise the task fails with
     * dnf's own words, asked for in a second round trip.
     */
    private static Change unmatched(Facts facts, List<PackageSpec> specs, Host host) {
        String names = names(specs);
        Optional<Change> undefined = reposUndefined(facts, names);
        if (undefined.isPresent()) return undefined.get();
        ProbeResult r = host.probe(List.of(new Probe.Run(facts.dnf().explain(specs)))).get(0);
        String said = (r.text() + "\n" + r.error()).lines().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("Last metadata expiration check") && !l.startsWith("Loaded plugins:")
                        && !l.startsWith("Loading mirror speeds") && !l.startsWith("* ")).collect(Collectors.joining("\n"));
        if (r.ok() || !said.contains(specs.get(0).text())) {
            throw new ModuleException("no package in the enabled repositories is named " + names + " (provides and file names are not looked up)");
        }
        throw new ModuleException(facts.dnf().program() + ": " + said.replace("\n", "; "));
    }

    /**
     * Unknown when the repository the task names, or any repository, is not defined on the host
     * yet: in check mode an earlier task usually adds it.
     */
    private static Optional<Change> reposUndefined(Facts facts, String names) {
        List<String> missing = new ArrayList<>(facts.dnf().namedRepos());
        missing.removeAll(facts.repos());
        if (!facts.repos().isEmpty() && missing.isEmpty()) return Optional.empty();
        return Optional.of(Change.unknown("no repository offers " + names + (missing.isEmpty()
                ? ": no repository is defined on this host yet" : ": repository " + String.join(", ", missing) + " is not defined on this host yet")));
    }

    private static String names(List<PackageSpec> specs) {
        return specs.stream().map(PackageSpec::text).collect(Collectors.joining(", "));
    }

    /**
     * What one round trip learnt: installed builds, offered builds, the machine arch and the
     * repository ids defined in /etc/yum.repos.d; {@code dnf} is the program that answered.
     */
    record Facts(Dnf dnf, List<Nevra> installed, List<Nevra> available, String arch, Set<String> repos) {

        /** Installed builds, the arch, the repository files and the program; with {@code needAvailable} what dnf offers. */
        static List<Probe> probes(Dnf dnf, List<PackageSpec> specs, boolean needAvailable) {
            List<Probe> probes = new ArrayList<>(List.of(new Probe.Run(List.of("rpm", "-qa", "--qf", Dnf.RPM_FORMAT)),
                    new Probe.Run(List.of("uname", "-m")), new Probe.Shell(REPO_FILES), new Probe.Shell(WHICH)));
            if (needAvailable) probes.add(new Probe.Run(dnf.query(specs)));
            return probes;
        }

        static Facts gather(Dnf dnf, List<PackageSpec> specs, boolean needAvailable, Host host) {
            List<ProbeResult> r = host.probe(probes(dnf, specs, needAvailable));
            if (!r.get(0).ok()) throw new ModuleException("cannot list installed packages with rpm: " + r.get(0).error().trim());
            Dnf found = dnf.on(r.get(3).text());
            if (found == null) throw new ModuleException("neither dnf nor yum is installed");
            Facts installed = new Facts(found, Nevra.parseLines(r.get(0).text()), List.of(), r.get(1).text().trim(),
                    RepoFile.sectionIds(r.get(2).text()));
            if (!needAvailable) return installed;
            // dnf was guessed and asked in the same round trip; yum 3 is asked now
            return found.yum3() ? installed.withAvailable(specs, host) : installed.offered(r.get(4));
        }

        /** These facts and what the repositories offer for {@code specs}, asked in one more round trip. */
        Facts withAvailable(List<PackageSpec> specs, Host host) {
            List<Probe> probes = dnf.queries(specs).stream().map(a -> (Probe) new Probe.Run(a)).toList();
            List<ProbeResult> r = host.probe(probes);
            return offered(r.get(r.size() - 1));
        }

        private Facts offered(ProbeResult query) {
            if (!query.ok()) {
                if (dnf.yum3() && query.exitCode() == 1 && query.error().contains(Yum3.NO_MATCH)) return new Facts(dnf, installed, List.of(), arch, repos);
                String what = dnf.yum3() ? (dnf.usesRepoquery() ? "repoquery" : "yum list") : dnf.program() + " repoquery";
                throw new ModuleException(what + " failed: " + query.error().trim());
            }
            return new Facts(dnf, installed, dnf.offered(query.text()), arch, repos);
        }
    }
}
