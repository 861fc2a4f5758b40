package dev.rigger.modules.packages;

import dev.rigger.modules.Shown;
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
import dev.rigger.spi.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Packages through apt-get and dpkg, deciding as Ansible's apt module does: one round trip asks
 * dpkg what is installed and {@code apt-cache policy} what each named package offers (after
 * {@code apt-get update} when the cache is older than {@code cache_valid_time}), and the plan
 * names exact versions, so apply is one {@code apt-get install} (installs, upgrades and, when
 * allowed, downgrades together) or one {@code apt-get remove}. A .deb file ({@code deb}) is
 * installed by apt-get, which also brings its dependencies.
 */
public final class AptModule implements Module {
    private static final Pattern RELEASE = Pattern.compile("[A-Za-z0-9._/+~-]+");
    private static final Pattern DPKG_OPTION = Pattern.compile("[a-z][a-z0-9-]*");
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.list("name").aliases("pkg", "package").notEmpty()
                    .doc("packages: NAME, NAME:ARCH, NAME=VERSION (the version may be a glob: nginx=1.22*) or NAME>=VERSION"))
            .add(Param.choice("state", "present", "absent", "latest", "fixed").defaultValue("present")
                    .doc("present: installed (a pinned version is installed or upgraded to); latest: the candidate version;"
                            + " fixed: present, with apt-get --fix-broken; absent: removed. build-dep is refused"))
            .add(Param.bool("update_cache").aliases("update-cache")
                    .doc("run apt-get update first when the lists are older than cache_valid_time (also in check mode); alone: a change each time"))
            .add(Param.integer("cache_valid_time").defaultValue(0).doc("seconds the lists stay fresh enough: no update within them"))
            .add(Param.bool("purge").defaultValue(false).doc("absent: also delete the configuration files (a removed package whose files remain is purged)"))
            .add(Param.string("deb").singleLine().absolutePath()
                    .doc("a .deb file on the host to install (several separated by commas); a URL is refused (get_url it first)"))
            .add(Param.string("default_release").aliases("default-release").singleLine().doc("the release apt prefers (apt-get -t)"))
            .add(Param.bool("install_recommends").aliases("install-recommends")
                    .doc("install recommended packages (yes) or not (no); unset: the host's apt setting"))
            .add(Param.bool("force").defaultValue(false).doc("apt-get --force-yes; dangerous, as in Ansible"))
            .add(Param.choice("upgrade", "no").defaultValue("no").doc("only 'no': upgrading every package (dist, full, safe, yes) is refused;"
                    + " use command: apt-get -y dist-upgrade with changed_when"))
            .add(Param.string("dpkg_options").defaultValue("force-confdef,force-confold").singleLine()
                    .doc("dpkg options, comma-separated without the leading --, passed as -o Dpkg::Options::=--OPTION"))
            .add(Param.bool("autoremove").defaultValue(false)
                    .doc("remove packages installed as dependencies no package needs any more (with the task's change, or alone)"))
            .add(Param.bool("fail_on_autoremove").defaultValue(false).doc("apt-get --no-remove: fail rather than remove a package"))
            .add(Param.bool("only_upgrade").defaultValue(false).doc("only upgrade packages that are installed; others are left out"))
            .add(Param.bool("force_apt_get").defaultValue(false).doc("accepted: Rigger always uses apt-get"))
            .add(Param.bool("clean").defaultValue(false).doc("apt-get clean first (a change each time, as in Ansible)"))
            .add(Param.bool("allow_unauthenticated").aliases("allow-unauthenticated").defaultValue(false).doc("apt-get --allow-unauthenticated"))
            .add(Param.bool("allow_downgrade").aliases("allow-downgrade", "allow_downgrades", "allow-downgrades").defaultValue(false)
                    .doc("allow installing a lower version than the installed one"))
            .add(Param.bool("allow_change_held_packages").defaultValue(false).doc("apt-get --allow-change-held-packages"))
            .add(Param.integer("lock_timeout").defaultValue(60).doc("seconds apt-get waits for the dpkg lock (DPkg::Lock::Timeout)"))
            .add(Param.integer("policy_rc_d").doc("the exit code /usr/sbin/policy-rc.d gives while apt-get installs or removes (101: packages"
                    + " start no service); an existing policy-rc.d is put back afterwards"))
            .mutuallyExclusive("deb", "name")
            .requireOneOf("name", "deb", "update_cache", "autoremove", "clean")
            .build();
    /** The lists' age: Ansible's stamp when apt's periodic job left one, else the lists folder. */
    private static final String CACHE_TIME = "stat -c %Y /var/lib/apt/periodic/update-success-stamp 2>/dev/null"
            + " || stat -c %Y /var/lib/apt/lists; date +%s";
    private static final String DPKG_FORMAT = "${Package}\t${Architecture}\t${Version}\t${Status}\n";

    @Override
    public String name() { return "apt"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.apt"); }

    @Override
    public String summary() { return "Install, upgrade, downgrade and remove Debian packages with apt-get"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- apt:\n    name: [nginx, \"curl=7.88*\"]\n    update_cache: true\n    cache_valid_time: 3600\n";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        if (refreshWanted(p)) return List.of(new Probe.Shell(CACHE_TIME));
        return facts(p, specs(p));
    }

    private static boolean refreshWanted(Params p) {
        return p.bool("update_cache") || p.integer("cache_valid_time") > 0;
    }

    private static List<AptSpec> specs(Params p) {
        refuseUnsupported(p);
        return AptSpec.all(p.list("name"));
    }

    private static void refuseUnsupported(Params p) {
        if (p.has("deb") && p.string("deb").contains("://")) {
            throw new ModuleException("deb " + Shown.quoted(p.string("deb")) + " is a URL: download it with get_url first, then give its path");
        }
        if (p.has("deb") && !p.string("state").equals("present")) throw new ModuleException("deb only supports state=present");
        if (p.has("default_release") && !RELEASE.matcher(p.string("default_release")).matches()) {
            throw new ModuleException("default_release " + Shown.quoted(p.string("default_release")) + " is not a release name");
        }
        for (String o : p.string("dpkg_options").split(",")) {
            if (!DPKG_OPTION.matcher(o).matches()) throw new ModuleException("dpkg_options: " + Shown.quoted(o) + " is not a dpkg option name");
        }
    }

    /** What the plan asks in one round trip: installed packages (all for deb), then what apt offers. */
    private static List<Probe> facts(Params p, List<AptSpec> specs) {
        List<Probe> probes = new ArrayList<>();
        List<String> query = new ArrayList<>(List.of("dpkg-query", "-W", "-f", DPKG_FORMAT));
        if (!specs.isEmpty()) {
            query.add("--");
            specs.forEach(s -> query.add(s.name()));
        }
        probes.add(new Probe.Run(query));
        if (!specs.isEmpty() && !p.string("state").equals("absent")) {
            List<String> policy = new ArrayList<>(List.of("env", "LC_ALL=C", "apt-cache"));
            if (p.has("default_release")) policy.addAll(List.of("-o", "APT::Default-Release=" + p.string("default_release")));
            policy.addAll(List.of("policy", "--"));
            specs.forEach(s -> policy.add(s.name()));
            probes.add(new Probe.Run(policy));
        }
        for (String deb : debs(p)) probes.add(new Probe.Run(List.of("dpkg-deb", "--field", deb, "Package", "Version")));
        return probes;
    }

    private static List<String> debs(Params p) {
        if (!p.has("deb")) return List.of();
        List<String> out = new ArrayList<>();
        for (String d : p.string("deb").split(",")) {
            if (!d.startsWith("/")) throw new ModuleException("deb " + Shown.quoted(d) + " must be an absolute path");
            out.add(d);
        }
        return out;
    }

    @Override
    public Change plan(Params p, Host host) {
        List<AptSpec> specs = specs(p);
        boolean refreshed = false;
        long cacheTime = 0;
        if (refreshWanted(p)) {
            CacheAge age = CacheAge.of(host.probe(List.of(new Probe.Shell(CACHE_TIME))).get(0));
            boolean stale = age.time() + p.integer("cache_valid_time") < age.now() || p.integer("cache_valid_time") == 0;
            cacheTime = age.time();
            if (stale && specs.isEmpty() && !p.has("deb")) {
                return standalone(p, host, List.of(Diff.update("apt cache", "updated at " + age.time(), "updated now")),
                        List.of(Step.Run.of(aptGet(p, "update", "-q"))), true).withOutputs(Map.of("cache_updated", true));
            }
            if (stale) {
                List<ProbeResult> r = host.probe(List.of(new Probe.Run(aptGet(p, "update", "-q")), new Probe.Shell(CACHE_TIME)));
                if (!r.get(0).ok()) throw new ModuleException("Failed to update apt cache: " + r.get(0).error().trim());
                cacheTime = CacheAge.of(r.get(1)).time();
                refreshed = cacheTime != age.time(); // as Ansible: updated when the lists' time moved

            }
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("cache_updated", refreshed);
        if (cacheTime > 0 || refreshed) outputs.put("cache_update_time", cacheTime);
        Change c;
        if (p.has("deb")) c = debs(p, host);
        else if (specs.isEmpty()) c = standalone(p, host, List.of(), List.of(), false);
        else c = packages(p, specs, host);
        return c.withOutputs(outputs);
    }

    /** No packages: clean and autoremove, each a change as in Ansible (clean always, autoremove when apt would remove something). */
    private static Change standalone(Params p, Host host, List<Diff> diffs, List<Step> steps, boolean alwaysChanges) {
        List<Diff> d = new ArrayList<>();
        List<Step> s = new ArrayList<>();
        if (p.bool("clean")) {
            d.add(Diff.update("apt cache", "downloaded package files", "none"));
            s.add(Step.Run.of(aptGet(p, "clean")));
        }
        d.addAll(diffs);
        s.addAll(steps);
        if (p.bool("autoremove")) {
            ProbeResult r = host.probe(List.of(new Probe.Run(aptGet(p, "autoremove", "-s")))).get(0);
            if (!r.ok()) throw new ModuleException("'apt-get autoremove' failed: " + r.error().trim());
            List<String> removed = r.text().lines().filter(l -> l.startsWith("Remv ")).map(l -> l.split(" ")[1]).toList();
            if (!removed.isEmpty()) {
                removed.forEach(n -> d.add(Diff.delete("package " + n, "no longer needed")));
                List<String> argv = aptGet(p, "autoremove", "-y");
                if (p.bool("purge")) argv.add(argv.size() - 1, "--purge");
                s.add(Step.Run.of(argv));
            }
        }
        if (s.isEmpty()) return Change.none();
        Change c = Change.of(d, s);
        return p.bool("clean") || alwaysChanges ? c.unverifiable() : c;
    }

    private static Change packages(Params p, List<AptSpec> specs, Host host) {
        List<ProbeResult> r = host.probe(facts(p, specs));
        Map<String, Installed> installed = Installed.parse(r.get(0).text());
        if (!r.get(0).ok() && installed.isEmpty() && r.get(0).exitCode() != 1) {
            throw new ModuleException("cannot list installed packages with dpkg-query: " + r.get(0).error().trim());
        }
        if (p.string("state").equals("absent")) return remove(p, specs, installed);
        if (!r.get(1).ok()) throw new ModuleException("apt-cache policy failed: " + r.get(1).error().trim());
        return install(p, specs, installed, AptPolicy.parse(r.get(1).text()));
    }

    private static Change remove(Params p, List<AptSpec> specs, Map<String, Installed> installed) {
        List<Diff> diffs = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (AptSpec s : specs) {
            Installed i = installed.get(base(s.name()));
            if (i == null) continue;
            boolean versionInstalled = i.installed() && s.accepts(i.version());
            if (versionInstalled || (i.configFiles() && p.bool("purge"))) {
                targets.add(s.text());
                diffs.add(Diff.delete("package " + s.name(), i.installed() ? i.version() : "configuration files"));
            }
        }
        if (targets.isEmpty()) return Change.none();
        List<String> argv = aptGet(p, "remove", "-q", "-y");
        int at = argv.indexOf("remove");
        if (p.bool("purge")) argv.add(at++, "--purge");
        if (p.bool("force")) argv.add(at++, "--force-yes");
        if (p.bool("autoremove")) argv.add(at, "--auto-remove");
        argv.add("--");
        argv.addAll(targets);
        return Change.of(diffs, List.of(Step.Run.of(argv)));
    }

    /** Ansible's install(): which specs to hand apt-get, each pinned to the version apt would pick. */
    private static Change install(Params p, List<AptSpec> specs, Map<String, Installed> installed, Map<String, AptPolicy> offers) {
        boolean latest = p.string("state").equals("latest");
        List<Diff> diffs = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (AptSpec s : specs) {
            AptPolicy offer = offers.get(s.name());
            if (offer == null) offer = offers.get(base(s.name()));
            if (offer == null) throw new ModuleException("No package matching '" + base(s.name()) + "' is available");
            Installed i = installed.get(base(s.name()));
            boolean isInstalled = i != null && i.installed();
            if (!isInstalled && p.bool("only_upgrade")) continue;
            boolean versionInstalled = isInstalled && s.accepts(i.version());
            Optional<String> best = offer.best(s);
            Optional<String> installable = isInstalled ? best.filter(b -> !b.equals(i.version()) && s.accepts(b)) : best;
            if (!versionInstalled && installable.isEmpty()) throw new ModuleException("no available installation candidate for " + s.text());
            if (installable.isEmpty() || (isInstalled && versionInstalled && !latest && !"=".equals(s.op()))) continue;
            String to = installable.get();
            if (!isInstalled) diffs.add(Diff.create("package " + s.name(), to));
            else {
                boolean down = DebVersion.compare(to, i.version()) < 0;
                if (down && !p.bool("allow_downgrade") && !p.bool("force")) {
                    throw new ModuleException(s.name() + ": " + i.version() + " would be downgraded to " + to
                            + ", and apt-get refuses that without --allow-downgrades (set allow_downgrade: true)");
                }
                diffs.add(Diff.update("package " + s.name() + (down ? " (downgrade)" : " (upgrade)"), i.version(), to));
            }
            targets.add(s.name() + "=" + to);
        }
        if (targets.isEmpty()) return Change.none();
        List<String> argv = aptGet(p, "install", "-y");
        int at = argv.indexOf("install");
        for (String flag : installFlags(p)) argv.add(at++, flag);
        argv.add("--");
        argv.addAll(targets);
        return Change.of(diffs, List.of(Step.Run.of(argv)));
    }

    private static List<String> installFlags(Params p) {
        List<String> f = new ArrayList<>();
        if (p.bool("only_upgrade")) f.add("--only-upgrade");
        if (p.string("state").equals("fixed")) f.add("--fix-broken");
        if (p.bool("force")) f.add("--force-yes");
        if (p.bool("autoremove")) f.add("--auto-remove");
        if (p.bool("fail_on_autoremove")) f.add("--no-remove");
        if (p.has("default_release")) f.addAll(List.of("-t", p.string("default_release")));
        if (p.has("install_recommends")) f.addAll(List.of("-o", "APT::Install-Recommends=" + (p.bool("install_recommends") ? "yes" : "no")));
        if (p.bool("allow_unauthenticated")) f.add("--allow-unauthenticated");
        if (p.bool("allow_downgrade")) f.add("--allow-downgrades");
        if (p.bool("allow_change_held_packages")) f.add("--allow-change-held-packages");
        return f;
    }

    /** .deb files: each whose version is not the installed one, installed by apt-get with its dependencies. */
    private static Change debs(Params p, Host host) {
        List<String> files = debs(p);
        List<ProbeResult> r = host.probe(facts(p, List.of()));
        Map<String, Installed> installed = Installed.parse(r.get(0).text());
        List<Diff> diffs = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        boolean downgrade = false;
        for (int k = 0; k < files.size(); k++) {
            ProbeResult field = r.get(k + 1);
            if (!field.ok()) throw new ModuleException("Unable to install package: " + files.get(k) + ": " + field.error().trim());
            List<String> f = field.text().lines().toList();
            String name = f.get(0).replaceFirst("^Package: ", "").trim();
            String version = f.size() > 1 ? f.get(1).replaceFirst("^Version: ", "").trim() : "";
            Installed i = installed.get(name);
            if (i != null && i.installed() && DebVersion.compare(version, i.version()) == 0) continue;
            if (i != null && i.installed() && DebVersion.compare(version, i.version()) < 0) {
                if (!p.bool("allow_downgrade") && !p.bool("force")) throw new ModuleException("A later version is already installed");
                downgrade = true;
            }
            diffs.add(i != null && i.installed() ? Diff.update("package " + name, i.version(), version) : Diff.create("package " + name, version));
            targets.add(files.get(k));
        }
        if (targets.isEmpty()) return Change.none();
        List<String> argv = aptGet(p, "install", "-y");
        int at = argv.indexOf("install");
        for (String flag : installFlags(p)) argv.add(at++, flag);
        if (downgrade && !argv.contains("--allow-downgrades")) argv.add(at, "--allow-downgrades");
        argv.add("--");
        argv.addAll(targets);
        return Change.of(diffs, List.of(Step.Run.of(argv)));
    }

    /**
     * apt-get without questions, with the task's dpkg options and lock wait: {@code env ... apt-get FLAGS... COMMAND};
     * a command that installs or removes runs under {@link #POLICY_RC_D} when the task sets policy_rc_d.
     */
    private static List<String> aptGet(Params p, String command, String... flags) {
        List<String> argv = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "DEBIAN_PRIORITY=critical", "LC_ALL=C", "apt-get"));
        argv.addAll(List.of(flags));
        boolean changesPackages = !command.equals("update") && !command.equals("clean");
        if (changesPackages) {
            for (String o : p.string("dpkg_options").split(",")) argv.addAll(List.of("-o", "Dpkg::Options::=--" + o));
        }
        argv.addAll(List.of("-o", "DPkg::Lock::Timeout=" + p.integer("lock_timeout")));
        argv.add(command);
        if (!changesPackages || !p.has("policy_rc_d")) return argv;
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", POLICY_RC_D, "sh", p.integer("policy_rc_d").toString()));
        wrapped.addAll(argv);
        return wrapped;
    }

    /**
     * Ansible's PolicyRcD around the apt-get that follows it ($2...): an existing /usr/sbin/policy-rc.d moved aside, one that
     * exits with $1 in its place, then removed and the old one put back, whatever apt-get did. The script is constant;
     * the code and apt-get's words are its arguments.
     */
    private static final String POLICY_RC_D = """
            code=$1; shift; f=/usr/sbin/policy-rc.d; b=
            if [ -e "$f" ] || [ -L "$f" ]; then b=$(mktemp -d) && mv "$f" "$b/" || exit 1; fi
            printf '#!/bin/sh\\nexit %d\\n' "$code" > "$f" && chmod 0755 "$f" || exit 1
            "$@"; rc=$?
            rm -f "$f"
            if [ -n "$b" ]; then mv "$b/policy-rc.d" "$f" && rmdir "$b"; fi
            exit $rc
            """;

    private static String base(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    @Override
    public Map<String, Object> outputs(Params p, List<StepResult> results) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (StepResult r : results) {
            out.append(r.stdout());
            err.append(r.stderr());
        }
        return results.isEmpty() ? Map.of() : Map.of("stdout", out.toString(), "stderr", err.toString());
    }

    /** The lists' modification time and the host's clock, in seconds. */
    private record CacheAge(long time, long now) {
        static CacheAge of(ProbeResult r) {
            List<String> l = r.text().lines().map(String::trim).filter(s -> s.matches("\\d+")).toList();
            if (l.size() < 2) throw new ModuleException("cannot read the age of the apt lists: " + r.error().trim());
            return new CacheAge(Long.parseLong(l.get(0)), Long.parseLong(l.get(l.size() - 1)));
        }
    }

    /** One line of dpkg-query: a package dpkg knows, installed or with configuration files left. */
    record Installed(String name, String arch, String version, String status) {
        boolean installed() { return status.endsWith(" installed") || status.endsWith(" half-configured") || status.endsWith(" unpacked"); }

        boolean configFiles() { return status.endsWith(" config-files"); }

        static Map<String, Installed> parse(String text) {
            Map<String, Installed> out = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                String[] f = line.split("\t");
                if (f.length < 4) continue;
                Installed i = new Installed(f[0], f[1], f[2], f[3].trim());
                if (i.installed() || i.configFiles()) out.putIfAbsent(f[0], i);
            }
            return out;
        }
    }
}
