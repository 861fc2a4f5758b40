package dev.rigger.modules.pip;

import dev.rigger.modules.Launch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rigger.modules.Shown;
import dev.rigger.spi.Words;
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

/**
 * Python packages with pip, as ansible.builtin.pip: installed distributions are read with
 * {@code pip list --format=freeze} through the chosen pip and compared with each requirement as
 * Ansible's _is_present does; what only an index can tell (state latest, a requirements file, a
 * URL or path as name) is asked of pip's own resolver with {@code pip install --dry-run --report -},
 * which changes nothing. Every value reaches pip as one argv word; the working folder and umask
 * are set by a fixed {@code sh -c} wrapper that interpolates nothing.
 */
public final class PipModule implements Module {
    /** Made on first use: every run makes each module, and a Jackson mapper's first one costs ~30 ms. */
    private static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.list("name").aliases("pkg").doc("distributions to manage, with version specifiers (flask>=2,<3), or URLs and paths pip accepts"))
            .add(Param.string("version").singleLine().doc("the version for a single name (1.0 means ==1.0; >=1.0 is kept as given)"))
            .add(Param.string("requirements").singleLine().doc("a requirements file (relative to chdir)"))
            .add(Param.choice("state", "present", "absent", "latest", "forcereinstall").defaultValue("present")
                    .doc("present installs what is missing or unsatisfied; latest upgrades; forcereinstall always reinstalls"))
            .add(Param.string("virtualenv").singleLine().doc("a virtual environment to install into, created when missing (relative to chdir)"))
            .add(Param.bool("virtualenv_site_packages").defaultValue(false).doc("create the environment with --system-site-packages"))
            .add(Param.string("virtualenv_command").singleLine().defaultValue("virtualenv").doc("the command creating the environment (e.g. python3 -m venv), split into words"))
            .add(Param.string("virtualenv_python").singleLine().doc("the interpreter for virtualenv's -p (not with venv)"))
            .add(Param.string("extra_args").singleLine().doc("more pip arguments, split into words as a shell would (no shell runs them)"))
            .add(Param.bool("editable").defaultValue(false).doc("add -e (install in editable mode)"))
            .add(Param.string("chdir").singleLine().doc("the folder pip runs in (default /tmp, as Ansible's temporary folder)"))
            .add(Param.string("executable").singleLine().doc("the pip to run (a path, or a name looked up in PATH); default python3 -m pip"))
            .add(Param.string("umask").singleLine().doc("an octal umask for pip's run (e.g. 0022)"))
            .requireOneOf("name", "requirements")
            .mutuallyExclusive("name", "requirements")
            .mutuallyExclusive("executable", "virtualenv")
            .build();

    @Override public String name() { return "pip"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.pip"); }
    @Override public String summary() { return "Manage Python packages with pip, as ansible.builtin.pip"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- pip:\n    name: [requests>=2.28, six]\n- pip:\n    name: flask\n    virtualenv: /opt/app/venv\n    virtualenv_command: python3 -m venv\n"
                + "- pip: { requirements: /opt/app/requirements.txt, extra_args: --no-index --find-links=/srv/wheels }";
    }

    /** What the parameters say, resolved once for probes and plan. */
    private record Call(String state, List<PipRequirement> reqs, List<String> names, String requirements, String env, String cwd,
                        String umask, List<String> extra, List<String> pip) { }

    private static Call call(Params p) {
        String state = p.string("state");
        if (state.equals("latest") && p.has("version")) throw new ModuleException("version is incompatible with state=latest");
        List<String> names = p.has("name") ? PipRequirement.recover(p.list("name").stream().map(String::valueOf).toList()) : List.of();
        List<PipRequirement> reqs = new ArrayList<>();
        for (String n : names) reqs.add(PipRequirement.parse(n, null));
        if (p.has("version") && !reqs.isEmpty()) {   // Ansible reads version only with name
            if (reqs.size() > 1) {
                throw new ModuleException("'version' argument is ambiguous when installing multiple package distributions. "
                        + "Please specify version restrictions next to each package in 'name' argument.");
            }
            if (reqs.get(0).hasSpecifier()) {
                throw new ModuleException("The 'version' argument conflicts with any version specifier provided along with a package name. "
                        + "Please keep the version specifier, but remove the 'version' argument.");
            }
            reqs.set(0, PipRequirement.parse(names.get(0), p.string("version")));
        }
        String umask = p.string("umask");
        if (umask != null && !umask.matches("[0-7]{1,4}")) throw new ModuleException("umask must be an octal integer");
        String chdir = p.string("chdir");
        String env = p.string("virtualenv");
        if (env != null && chdir != null && !env.startsWith("/")) env = chdir + "/" + env;
        List<String> extra = new ArrayList<>(p.has("extra_args") ? Words.split(p.string("extra_args")) : List.of());
        if (p.bool("editable") && !extra.contains("-e")) extra.add("-e");
        String requirements = p.string("requirements");
        if (requirements != null && requirements.startsWith("-")) {
            throw new ModuleException("requirements " + Shown.quoted(requirements) + " starts with '-': pip would read it as an option");
        }
        List<String> pip;
        String exe = p.string("executable");
        if (env != null) pip = List.of(env + "/bin/pip3");
        else if (exe != null) pip = List.of(exe);
        else pip = List.of("python3", "-m", "pip.__main__");
        return new Call(state, reqs, names, requirements, env, chdir == null ? "/tmp" : chdir, umask == null ? "" : umask, extra, pip);
    }

    static List<String> inDir(String cwd, String umask, List<String> argv) {
        return Launch.inDir(cwd, Launch.withUmask(umask.isEmpty() ? null : umask, argv));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Whether pip's resolver must say what would change: latest, a requirements file, or a name that is no plain requirement. */
    private static boolean needsDryRun(Call c) {
        return c.state.equals("latest") || c.requirements != null
                || (c.state.equals("present") && c.reqs.stream().anyMatch(r -> !r.plain()));
    }

    /** The install (or uninstall) words after pip: the state's verb, extra_args, then the names or -r FILE. */
    private static List<String> action(Call c) {
        List<String> a = new ArrayList<>(switch (c.state) {
            case "absent" -> List.of("uninstall", "-y");
            case "latest" -> List.of("install", "-U");
            case "forcereinstall" -> List.of("install", "-U", "--force-reinstall");
            default -> List.of("install");
        });
        a.addAll(c.extra);
        if (c.requirements != null) a.addAll(List.of("-r", c.requirements));
        else c.reqs.forEach(r -> a.add(r.text()));
        return a;
    }

    private static List<String> dryRun(Call c) {
        List<String> a = action(c);
        List<String> out = new ArrayList<>(List.of(a.get(0), "--dry-run", "--quiet", "--report", "-"));
        out.addAll(a.subList(1, a.size()));
        return out;
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        Call c = call(p);
        List<Probe> probes = new ArrayList<>();
        if (c.env != null) probes.add(new Probe.Run(List.of("test", "-e", c.env + "/bin/activate")));
        probes.add(new Probe.Run(inDir(c.cwd, "", concat(c.pip, List.of("list", "--format=freeze")))));
        if (needsDryRun(c)) probes.add(new Probe.Run(inDir(c.cwd, c.umask, concat(c.pip, dryRun(c)))));
        return probes;
    }

    @Override
    public Change plan(Params p, Host host) {
        Call c = call(p);
        List<ProbeResult> r = host.probe(firstProbes(p));
        boolean venvMissing = c.env != null && !r.get(0).ok();
        ProbeResult list = r.get(c.env != null ? 1 : 0);
        ProbeResult dry = needsDryRun(c) ? r.get(r.size() - 1) : null;
        List<Step> steps = new ArrayList<>();
        List<Diff> diffs = new ArrayList<>();
        if (venvMissing) {
            steps.add(Step.Run.of(inDir(c.cwd, c.umask, virtualenv(p, c.env))));
            diffs.add(Diff.create("virtualenv " + c.env, "created with " + p.string("virtualenv_command")));
        } else if (!list.ok()) {
            throw new ModuleException("cannot list the installed packages with " + String.join(" ", c.pip) + ": " + firstLine(list));
        }
        Map<String, String> installed = venvMissing ? Map.of() : installed(list.text());
        boolean act = switch (c.state) {
            case "forcereinstall" -> true;
            case "absent" -> {
                for (PipRequirement q : c.reqs) {
                    if (present(q, installed)) diffs.add(Diff.delete("pip " + q.name(), installed.get(q.name())));
                }
                yield !diffs.isEmpty() && !venvMissing;
            }
            default -> {
                if (needsDryRun(c) && !venvMissing) yield fromReport(dry, c, installed, diffs);
                boolean missing = false;
                for (PipRequirement q : c.reqs) {
                    if (!present(q, installed)) {
                        missing = true;
                        // a requirement that is no plain name (a URL, a path) has no name to look up: only a new venv gets here with one
                        boolean there = q.plain() && installed.containsKey(q.name());
                        diffs.add(there ? Diff.update("pip " + q.name(), installed.get(q.name()), q.text())
                                : Diff.create("pip " + (q.plain() ? q.name() : q.text()), q.text()));
                    }
                }
                yield missing;
            }
        };
        if (c.state.equals("forcereinstall")) diffs.add(Diff.run("pip " + String.join(" ", action(c))));
        List<String> cmd = concat(c.pip, action(c));
        if (act) steps.add(Step.Run.of(inDir(c.cwd, c.umask, cmd)));
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("cmd", cmd);
        if (p.has("name")) outputs.put("name", p.list("name"));
        if (p.has("version")) outputs.put("version", p.string("version"));
        outputs.put("state", c.state);
        if (c.requirements != null) outputs.put("requirements", c.requirements);
        if (c.env != null) outputs.put("virtualenv", c.env);
        outputs.put("stdout", "");
        outputs.put("stderr", "");
        if (steps.isEmpty()) return Change.none(outputs);
        return Change.of(diffs, steps).withOutputs(outputs);
    }

    @Override
    public Map<String, Object> outputs(Params params, List<StepResult> results) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (StepResult s : results) {
            out.append(s.stdout());
            err.append(s.stderr());
        }
        return Map.of("stdout", out.toString(), "stderr", err.toString());
    }

    /** setup_virtualenv's command: the words of virtualenv_command, --system-site-packages, -p for virtualenv (not venv), the folder. */
    private static List<String> virtualenv(Params p, String env) {
        String command = p.string("virtualenv_command");
        List<String> cmd = new ArrayList<>(Words.split(command));
        if (cmd.isEmpty()) throw new ModuleException("virtualenv_command is empty");
        if (p.bool("virtualenv_site_packages")) cmd.add("--system-site-packages");
        boolean venv = command.contains("pyvenv") || command.contains("-m venv");
        if (!venv) cmd.add("-p" + (p.has("virtualenv_python") ? p.string("virtualenv_python") : "python3"));
        else if (p.has("virtualenv_python")) {
            throw new ModuleException("virtualenv_python should not be used when using the venv module or pyvenv as virtualenv_command");
        }
        cmd.add(env);
        return cmd;
    }

    /** pip's dry-run report: what it would install is the change (none: nothing to do). */
    private static boolean fromReport(ProbeResult dry, Call c, Map<String, String> installed, List<Diff> diffs) {
        if (!dry.ok()) {
            throw new ModuleException("pip install --dry-run (to plan " + c.state + ") failed: " + firstLine(dry)
                    + " (Rigger needs pip 22.2 or later to plan state latest, requirements files and URLs)");
        }
        JsonNode report;
        try {
            String text = dry.text();
            report = Json.MAPPER.readTree(text.substring(Math.max(0, text.indexOf('{'))));
        } catch (Exception e) {
            throw new ModuleException("cannot read pip's dry-run report: " + e.getMessage());
        }
        for (JsonNode item : report.path("install")) {
            String name = PipRequirement.canonical(item.path("metadata").path("name").asText());
            String version = item.path("metadata").path("version").asText();
            diffs.add(installed.containsKey(name) ? Diff.update("pip " + name, installed.get(name), version) : Diff.create("pip " + name, version));
        }
        return !diffs.isEmpty();
    }

    private static boolean present(PipRequirement q, Map<String, String> installed) {
        String v = q.plain() ? installed.get(q.name()) : null;
        return v != null && q.satisfiedBy(v);
    }

    /** pip list --format=freeze: NAME==VERSION lines by canonical name (editable and other lines skipped, as Ansible does). */
    static Map<String, String> installed(String freeze) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : freeze.split("\n")) {
            int eq = line.indexOf("==");
            if (eq > 0) out.put(PipRequirement.canonical(line.substring(0, eq).strip()), line.substring(eq + 2).strip());
        }
        return out;
    }

    private static String firstLine(ProbeResult r) {
        String s = (r.error() == null || r.error().isBlank() ? r.text() : r.error()).strip();
        return s.isEmpty() ? "exit " + r.exitCode() : s.lines().reduce((a, b) -> b).orElse(s);
    }
}
