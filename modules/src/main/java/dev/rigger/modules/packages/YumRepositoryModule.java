package dev.rigger.modules.packages;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One repository section in {@code /etc/yum.repos.d/<file>.repo}, rendered as Ansible renders it
 * (options sorted by key, booleans as 0/1, several gpgkeys or baseurls on continuation lines).
 * Other sections of the file are kept; the file is removed when its last section goes.
 */
public final class YumRepositoryModule implements Module {
    private static final String REPOS_DIR = "/etc/yum.repos.d/";
    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").required().doc("repository id, the [section] of the file"))
            .add(Param.string("description").doc("human-readable name (the file's name=); defaults to the id"))
            .add(Param.list("baseurl").notEmpty().doc("URL(s) of the repository"))
            .add(Param.bool("enabled").doc("whether dnf uses the repository"))
            .add(Param.list("exclude").aliases("excludepkgs").doc("packages never taken from this repository (globs allowed)"))
            .add(Param.bool("gpgcheck").doc("check package signatures"))
            .add(Param.list("gpgkey").doc("URL(s) of the signing keys; one or a list"))
            .add(Param.bool("repo_gpgcheck").doc("check the metadata signature"))
            .add(Param.string("file").doc("file name without .repo, in /etc/yum.repos.d; defaults to the name"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("whether the section exists"))
            .requiredIf("state", "present", "baseurl")
            .build();

    @Override
    public String name() { return "yum_repository"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.yum_repository"); }

    @Override
    public String summary() { return "Add or remove a YUM/DNF repository in /etc/yum.repos.d"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return probes(repoFile(p));
    }

    private static List<Probe> probes(String path) {
        return List.of(new Probe.Stat(path), new Probe.Read(path));
    }

    private static String repoFile(Params p) {
        return REPOS_DIR + fileName(p.optional("file").orElse(p.string("name"))) + ".repo";
    }

    @Override
    public Change plan(Params p, Host host) {
        String id = p.string("name");
        if (!REPO_ID.matcher(id).matches()) {
            throw new ModuleException("name '" + id.replace("\n", "\\n") + "' is not a repository id (letters, digits, - _ . : only)");
        }
        String path = repoFile(p);
        List<ProbeResult> r = host.probe(probes(path));
        FileState cur = r.get(0).fileState();
        if (cur == null) throw new ModuleException("cannot inspect " + path + ": " + r.get(0).error().trim());
        if (cur.exists() && cur.type() != FileState.Type.FILE) throw new ModuleException(path + " exists and is not a file");
        String before = cur.exists() ? r.get(1).text() : null;
        RepoFile file = before == null ? new RepoFile(List.of()) : RepoFile.parse(before);
        if (p.string("state").equals("absent")) return absent(path, before, file, id);
        String after = file.with(new RepoFile.Section(id, options(p, id))).render();
        if (after.equals(before)) return Change.none();
        Diff d = before == null ? Diff.create(path, after) : Diff.update(path, before, after);
        return Change.of(List.of(d), List.of(new Step.WriteFile(path, after.getBytes(StandardCharsets.UTF_8), null, null, null, false, null)));
    }

    private static Change absent(String path, String before, RepoFile file, String id) {
        if (file.find(id) == null) return Change.none();
        RepoFile rest = file.without(id);
        if (rest.sections().isEmpty()) return Change.of(List.of(Diff.delete(path, before)), List.of(Step.Run.of("rm", "-f", "--", path)));
        String after = rest.render();
        return Change.of(List.of(Diff.update(path, before, after)),
                List.of(new Step.WriteFile(path, after.getBytes(StandardCharsets.UTF_8), null, null, null, false, null)));
    }

    /** The section's options in Ansible's order: sorted by key, only those given. */
    private static Map<String, String> options(Params p, String id) {
        Map<String, String> o = new TreeMap<>();
        o.put("name", line("description", p.optional("description").orElse(id)));
        o.put("baseurl", lines("baseurl", p.list("baseurl"), "\n"));
        if (!p.list("exclude").isEmpty()) o.put("exclude", lines("exclude", p.list("exclude"), " "));
        if (!p.list("gpgkey").isEmpty()) o.put("gpgkey", lines("gpgkey", p.list("gpgkey"), "\n"));
        for (String flag : List.of("enabled", "gpgcheck", "repo_gpgcheck")) {
            if (p.has(flag)) o.put(flag, p.bool(flag) ? "1" : "0");
        }
        return new LinkedHashMap<>(o);
    }

    private static String lines(String param, List<String> values, String separator) {
        return String.join(separator, values.stream().map(v -> line(param, v)).toList());
    }

    /** A value must stay on its line: a newline would smuggle in options or sections. */
    private static String line(String param, String value) {
        String v = value.strip();
        if (v.isEmpty() || v.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw new ModuleException(param + ": '" + value.replace("\n", "\\n").replace("\r", "\\r") + "' must be one non-empty line");
        }
        return v;
    }

    private static String fileName(String file) {
        if (file.isEmpty() || file.equals(".") || file.equals("..") || file.contains("/") || file.chars().anyMatch(c -> c < 32 || c == 127)) {
            throw new ModuleException("file '" + file.replace("\n", "\\n") + "' must be a plain file name (no '/', no control characters)");
        }
        return file;
    }
}
