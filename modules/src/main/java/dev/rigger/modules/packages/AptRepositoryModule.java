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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A one-line apt source, as ansible.builtin.apt_repository (2.14): the host's sources.list and
 * sources.list.d/*.list are read (one round trip), edited as Ansible's SourcesList edits them
 * ({@link SourcesList}), and, when anything changed, every file is written back in Ansible's
 * normal form, then {@code apt-get update} runs unless {@code update_cache: false}.
 */
public final class AptRepositoryModule implements Module {
    /** Every one-line sources file, each as its path and its content in base64 (one line each). */
    static final String READ_SOURCES = "cd /etc/apt 2>/dev/null || exit 0; for f in sources.list sources.list.d/*.list; do "
            + "[ -f \"$f\" ] || continue; printf '/etc/apt/%s\\n' \"$f\"; base64 -w0 <\"$f\" || exit; echo; done";
    /** Ansible's retries of the cache update: 2^n s (plus a fraction), at most the maximum delay. */
    static final String UPDATE = "n=0; while :; do apt-get -q update && exit 0; n=$((n+1)); [ \"$n\" -ge \"$1\" ] && exit 1; "
            + "d=$((1 << (n-1))); [ \"$d\" -gt \"$2\" ] && d=$2; sleep \"$d\"; done";

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("repo").required().notEmpty().singleLine()
                    .doc("the source line, 'deb [OPTIONS] URI SUITE [COMPONENT...]' or deb-src (ppa: is refused: Rigger does not reach Launchpad)"))
            .add(Param.choice("state", "present", "absent").defaultValue("present")
                    .doc("present adds the line (or enables it where it is commented out); absent removes its enabled lines from every file"))
            .add(Param.mode("mode").doc("the mode of a file a line is added to; otherwise a new file is 0644 and an existing one keeps its mode"))
            .add(Param.bool("update_cache").defaultValue(true).aliases("update-cache").doc("run apt-get update after a change"))
            .add(Param.integer("update_cache_retries").defaultValue(5).doc("attempts of apt-get update before the task fails"))
            .add(Param.integer("update_cache_retry_max_delay").defaultValue(12).doc("the longest wait in seconds between attempts (1, 2, 4, ... s)"))
            .add(Param.string("filename").singleLine()
                    .doc("the file's name without .list in sources.list.d (an absolute path with a '/'); default: derived from the line's URI as Ansible derives it"))
            .add(Param.bool("install_python_apt").defaultValue(true).doc("accepted for Ansible's playbooks: Rigger needs no python3-apt on the host, so there is nothing to install"))
            .add(Param.bool("validate_certs").defaultValue(true).doc("accepted for Ansible's playbooks: Ansible uses it only to ask Launchpad about a ppa:, which Rigger refuses"))
            .add(Param.string("codename").singleLine().doc("accepted for Ansible's playbooks: Ansible uses it only for a ppa:, which Rigger refuses"))
            .build();

    @Override public String name() { return "apt_repository"; }

    @Override public List<String> aliases() { return List.of("ansible.builtin.apt_repository"); }

    @Override public String summary() { return "Add or remove a one-line apt source in sources.list.d (as ansible.builtin.apt_repository)"; }

    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - name: Docker's repository, in /etc/apt/sources.list.d/download_docker_com_linux_debian.list
                  apt_repository:
                    repo: deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/debian bookworm stable
                    state: present

                - name: A repository in a file of a chosen name, without updating the cache
                  ansible.builtin.apt_repository:
                    repo: deb http://deb.example.com/debian bookworm main
                    filename: example
                    update_cache: false
                """;
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return List.of(new Probe.Shell(READ_SOURCES));
    }

    @Override
    public Change plan(Params p, Host host) {
        String repo = p.string("repo");
        if (repo.strip().startsWith("ppa:")) {
            throw new ModuleException("ppa: repositories are not supported: Rigger does not ask Launchpad for the PPA's key; write its deb line and install its key (get_url to /etc/apt/keyrings, signed-by=) instead");
        }
        String source;
        try {
            source = SourcesList.source(repo);
        } catch (SourcesList.InvalidSource e) {
            throw new ModuleException("Invalid repository string: " + e.getMessage());
        }
        String filename = p.optional("filename").orElse(null);
        String file = SourcesList.expanded(SourcesList.suggestedName(source, filename));
        if (!file.startsWith("/")) throw new ModuleException("filename with a '/' must be an absolute path, got " + Shown.quoted(filename));

        ProbeResult read = host.probe(firstProbes(p)).get(0);
        if (!read.ok()) throw new ModuleException("cannot read the apt sources on " + host.name() + ": " + read.error().strip());
        SourcesList sources = new SourcesList(files(read.text()));
        Map<String, String> before = sources.dump();
        if (p.string("state").equals("present")) sources.add(source, file);
        else sources.remove(source);
        Map<String, String> after = sources.dump();
        Map<String, Object> outputs = new LinkedHashMap<>(Map.of("repo", repo, "state", p.string("state")));
        if (before.equals(after)) return Change.none(outputs);

        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>(before.keySet());
        paths.addAll(after.keySet());
        Integer mode = p.has("mode") ? p.integer("mode") : null;
        for (String path : paths) {
            String a = after.get(path);
            String b = before.get(path);
            if (a == null) {
                diffs.add(Diff.delete(path, b));
                continue;
            }
            if (!a.equals(b)) diffs.add(b == null ? Diff.create(path, a) : Diff.update(path, b, a));
            // Ansible's save writes every file that has lines, changed or not
            Integer m = sources.newRepos().contains(path) ? mode : null;
            if (b == null) steps.add(Step.Run.of("mkdir", "-p", "--", path.substring(0, Math.max(1, path.lastIndexOf('/')))));
            steps.add(Step.WriteFile.of(path, a.getBytes(StandardCharsets.UTF_8), m));
        }
        for (String gone : sources.emptied()) steps.add(Step.Run.of("rm", "-f", "--", gone));
        if (p.bool("update_cache")) {
            steps.add(Step.Run.of("sh", "-c", UPDATE, "apt_repository", String.valueOf(Math.max(1, p.integer("update_cache_retries"))),
                    String.valueOf(p.integer("update_cache_retry_max_delay"))));
        }
        return Change.of(diffs, steps).withOutputs(outputs);
    }

    /** READ_SOURCES's answer: path and base64 content, line by line. */
    static Map<String, String> files(String answer) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = answer.split("\n", -1);
        for (int i = 0; i + 1 < lines.length; i += 2) {
            out.put(lines[i], new String(Base64.getDecoder().decode(lines[i + 1].strip()), StandardCharsets.UTF_8));
        }
        return out;
    }
}
