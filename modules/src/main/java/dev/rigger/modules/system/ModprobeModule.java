package dev.rigger.modules.system;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A kernel module: loaded now ({@code modprobe}) and, with {@code persistent: present}, at boot
 * ({@code /etc/modules-load.d/NAME.conf}, its params in {@code /etc/modprobe.d/NAME.conf}).
 * Whether it is loaded comes from {@link KernelModules}, which also knows built-in modules, so
 * a module compiled into the kernel is never "loaded" again.
 */
public final class ModprobeModule implements Module {
    static final String LOAD_DIR = "/etc/modules-load.d";
    static final String OPTIONS_DIR = "/etc/modprobe.d";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").required().doc("the module (br_netfilter)"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("loaded or not"))
            .add(Param.string("params").defaultValue("").singleLine().doc("module options, e.g. 'numdummies=2', used when loading"))
            .add(Param.choice("persistent", "disabled", "present", "absent").defaultValue("disabled")
                    .doc("present: load at boot (modules-load.d) with params (modprobe.d); absent: remove those files; disabled: leave them"))
            .build();

    @Override
    public String name() { return "modprobe"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.modprobe", "community.general.modprobe"); }

    @Override
    public String summary() { return "Load or unload a kernel module, and make it load at boot"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return probes(p.string("name"));
    }

    /** The module's kernel state, its files and their folders. */
    private static List<Probe> probes(String name) {
        List<Probe> probes = new ArrayList<>(KernelModules.probes(name));
        probes.add(new Probe.Read(loadFile(name)));
        probes.add(new Probe.Read(optionsFile(name)));
        probes.add(new Probe.Stat(LOAD_DIR));
        probes.add(new Probe.Stat(OPTIONS_DIR));
        return probes;
    }

    @Override
    public Change plan(Params p, Host host) {
        String name = validName(p.string("name"));
        List<String> params = validParams(p.string("params"));
        boolean present = p.string("state").equals("present");
        String persistent = p.string("persistent");
        List<ProbeResult> r = host.probe(probes(name));
        int n = r.size();
        KernelModules.Status status = KernelModules.status(name, r.subList(0, n - 4));
        ProbeResult load = r.get(n - 4);
        ProbeResult options = r.get(n - 3);
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (present && status == KernelModules.Status.ABSENT) {
            diffs.add(Diff.update("module " + name, "not loaded", "loaded"));
            List<String> argv = new ArrayList<>(List.of("modprobe", "--", name));
            argv.addAll(params);
            steps.add(Step.Run.of(argv));
        } else if (!present && status != KernelModules.Status.ABSENT) {
            if (status == KernelModules.Status.BUILTIN) throw new ModuleException(name + " is built into the kernel and cannot be unloaded");
            diffs.add(Diff.update("module " + name, "loaded", "not loaded"));
            steps.add(Step.Run.of("modprobe", "-r", "--", name));
        }
        if (present && persistent.equals("present")) {
            persist(loadFile(name), load, exists(r.get(n - 2)), name + "\n", diffs, steps);
            if (!params.isEmpty()) {
                persist(optionsFile(name), options, exists(r.get(n - 1)), "options " + name + " " + String.join(" ", params) + "\n", diffs, steps);
            }
        } else if (persistent.equals("absent") || (!present && persistent.equals("present"))) {
            forget(loadFile(name), load, diffs, steps);
            forget(optionsFile(name), options, diffs, steps);
        }
        return Change.of(diffs, steps);
    }

    /** Writes {@code want} to {@code path} unless it is there already, creating the folder when missing (minimal hosts lack /etc/modprobe.d). */
    private static void persist(String path, ProbeResult now, boolean dirExists, String want, List<Diff> diffs, List<Step> steps) {
        String before = now.ok() ? now.text() : null;
        if (want.equals(before)) return;
        diffs.add(before == null ? Diff.create(path, want) : Diff.update(path, before, want));
        if (!dirExists) steps.add(Step.Run.of("mkdir", "-p", "--", path.substring(0, path.lastIndexOf('/'))));
        steps.add(Step.WriteFile.of(path, want.getBytes(StandardCharsets.UTF_8), null));
    }

    private static void forget(String path, ProbeResult now, List<Diff> diffs, List<Step> steps) {
        if (!now.ok()) return;
        diffs.add(Diff.delete(path, now.text()));
        steps.add(Step.Run.of("rm", "-f", "--", path));
    }

    private static boolean exists(ProbeResult stat) {
        return stat.fileState() != null && stat.fileState().exists();
    }

    static String loadFile(String name) { return LOAD_DIR + "/" + name + ".conf"; }

    static String optionsFile(String name) { return OPTIONS_DIR + "/" + name + ".conf"; }

    private static String validName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ModuleException("invalid module name " + Shown.quoted(name)
                    + ": use letters, digits, '_' and '-' only, not starting with '-'");
        }
        return name;
    }

    private static List<String> validParams(String params) {
        List<String> words = Words.split(params);
        for (String w : words) {
            if (w.startsWith("-") || w.matches("(?s).*\\s.*")) {
                throw new ModuleException("invalid module param " + Shown.quoted(w) + ": options are key=value words without spaces");
            }
        }
        return words;
    }
}
