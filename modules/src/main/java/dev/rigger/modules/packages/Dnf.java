package dev.rigger.modules.packages;

import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The package manager's command lines for one task: the program ({@code dnf}, or {@code yum}
 * where that is dnf under its old name; on a host without dnf, yum 3 as CentOS 7 has it, see
 * {@link Yum3}) and the repository options the task gives, used alike by the probes and the
 * steps so check mode sees what apply will do.
 *
 * @param options   {@code --disablerepo}, {@code --enablerepo}, {@code --disableexcludes}, {@code --exclude}, in
 *                  the order Ansible applies them (disable first, so "disable *, enable one" works)
 * @param yum3      no dnf on the host: yum 3's commands (no {@code repoquery} subcommand, no
 *                  {@code --refresh}, downgrades by {@code yum downgrade})
 * @param repoquery yum 3 only: yum-utils' {@code repoquery} is installed
 */
record Dnf(String program, List<String> options, boolean refresh, boolean yum3, boolean repoquery) {
    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9_.:*?\\[\\]-]+");
    private static final Pattern PACKAGE_SPEC = Pattern.compile("[A-Za-z0-9_.:*?\\[\\]+~^-]+");
    /** One line per package: name epoch version release arch repo. */
    static final String QUERY_FORMAT = "%{name} %{epoch} %{version} %{release} %{arch} %{repoid}";
    static final String RPM_FORMAT = "%{NAME} %{EPOCH} %{VERSION} %{RELEASE} %{ARCH}\\n";

    static Dnf of(Params p) {
        List<String> opts = new ArrayList<>();
        if (!p.list("disablerepo").isEmpty()) opts.add("--disablerepo=" + String.join(",", repoIds("disablerepo", p.list("disablerepo"))));
        if (!p.list("enablerepo").isEmpty()) opts.add("--enablerepo=" + String.join(",", repoIds("enablerepo", p.list("enablerepo"))));
        if (p.has("disable_excludes")) opts.add("--disableexcludes=" + repoIds("disable_excludes", List.of(p.string("disable_excludes"))).get(0));
        if (!p.list("exclude").isEmpty()) opts.add("--exclude=" + String.join(",", excluded(p.list("exclude"))));
        return new Dnf("dnf", opts, p.bool("update_cache"), false, false);
    }

    private static List<String> repoIds(String param, List<String> ids) {
        for (String id : ids) {
            if (!REPO_ID.matcher(id).matches() || id.startsWith("-")) {
                throw new ModuleException(param + ": '" + id.replace("\n", "\\n") + "' is not a repository id"
                        + " (letters, digits, - _ . : and globs only)");
            }
        }
        return ids;
    }

    /** exclude's package specs: names or globs, never an option. */
    private static List<String> excluded(List<String> specs) {
        for (String s : specs) {
            if (!PACKAGE_SPEC.matcher(s).matches() || s.startsWith("-")) {
                throw new ModuleException("exclude: '" + s.replace("\n", "\\n") + "' is not a package name or glob"
                        + " (letters, digits, - _ . : + ~ ^ and globs only)");
            }
        }
        return specs;
    }

    /**
     * The commands for what the host has, from the lines of {@code command -v dnf || {command -v
     * yum; command -v repoquery;}}: dnf where it is installed (also when yum names it), yum 3
     * where it is not; null when neither is.
     */
    Dnf on(String whichOutput) {
        List<String> found = whichOutput.lines().map(String::trim).filter(l -> !l.isEmpty()).map(l -> l.replaceFirst(".*/", "")).toList();
        if (found.isEmpty() || !List.of("dnf", "yum").contains(found.get(0))) return null;
        boolean yum3 = found.get(0).equals("yum");
        return new Dnf(found.get(0), options, refresh, yum3, yum3 && found.contains("repoquery"));
    }

    /** Repository ids the task names outright (no globs, not {@code all}/{@code main}). */
    List<String> namedRepos() {
        List<String> out = new ArrayList<>();
        for (String o : options) {
            if (o.startsWith("--disablerepo=") || o.startsWith("--exclude=")) continue;   // these name no repository the host must have
            for (String id : o.substring(o.indexOf('=') + 1).split(",")) {
                if (!id.equals("all") && !id.equals("main") && !id.matches(".*[*?\\[].*")) out.add(id);
            }
        }
        return out;
    }

    /**
     * Every build the repositories offer for the specs; read-only apart from the metadata cache.
     * On yum 3 this may be two commands run in order (the cache expired first), see {@link Yum3#query}.
     */
    List<List<String>> queries(List<PackageSpec> specs) {
        if (yum3) return Yum3.query(this, specs);
        return List.of(query(specs));
    }

    /** dnf's query (the first round trip guesses dnf). */
    List<String> query(List<PackageSpec> specs) {
        List<String> argv = base("-q");
        if (refresh) argv.add("--refresh");
        argv.addAll(List.of("repoquery", "--qf", QUERY_FORMAT, "--"));
        specs.forEach(s -> argv.add(s.text()));
        return argv;
    }

    /** The builds a query's output names; yum 3's {@code list} is parsed as it prints. */
    List<Nevra> offered(String queryOutput) {
        return yum3 && !usesRepoquery() ? Yum3.parseList(queryOutput) : Nevra.parseLines(queryOutput);
    }

    /** yum 3 asks yum-utils' repoquery when it is there and can honour the options (it has no --disableexcludes, nor --exclude). */
    boolean usesRepoquery() {
        return yum3 && repoquery && options.stream().noneMatch(o -> o.startsWith("--disableexcludes=") || o.startsWith("--exclude="));
    }

    /** Asks dnf to resolve the specs and answer "no", for its own words on what does not match. */
    List<String> explain(List<PackageSpec> specs) {
        List<String> argv = base("--assumeno");
        argv.addAll(List.of("install", "--"));
        specs.forEach(s -> argv.add(s.text()));
        return argv;
    }

    List<String> makecache() {
        List<String> argv = base("-q");
        argv.addAll(yum3 ? List.of("makecache", "fast") : List.of("makecache", "--refresh"));
        return argv;
    }

    /** One transaction: dnf's install also upgrades and downgrades to the exact builds named. */
    List<String> transaction(String command, List<String> labels) {
        List<String> argv = base("-y");
        argv.add(command);
        argv.add("--");
        argv.addAll(labels);
        return argv;
    }

    List<String> base(String flag) {
        List<String> argv = new ArrayList<>(List.of(program, flag));
        argv.addAll(options);
        return argv;
    }
}
