package dev.rigger.modules.system;

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
import java.util.List;
import java.util.regex.Pattern;

/**
 * A kernel parameter: persisted as {@code key=value} in a sysctl file and set in the running
 * kernel with {@code sysctl -w key=value} (only that key, only when it differs), unlike
 * Ansible's reload, which re-applies the whole file. A file that is a symlink (Debian's and
 * CentOS's {@code 99-sysctl.conf -> ../sysctl.conf}) is edited through the link, which stays.
 */
public final class SysctlModule implements Module {
    static final String DEFAULT_FILE = "/etc/sysctl.d/99-sysctl.conf";
    /** Dot-separated words; no '/', no '..', no leading '-' (it would read as an option). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9_-]*)*");

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").required().aliases("key").doc("the parameter, dot-separated (net.ipv4.ip_forward)"))
            .add(Param.string("value").aliases("val").notEmpty().singleLine().doc("its value (required for state=present); words compare whitespace-insensitively"))
            .add(Param.choice("state", "present", "absent").defaultValue("present")
                    .doc("present: persist and set; absent: remove from the file (the running value stays)"))
            .add(Param.string("sysctl_file").defaultValue(DEFAULT_FILE).absolutePath().singleLine().doc("the file that persists it (symlinks are followed)"))
            .add(Param.bool("reload").defaultValue(true).doc("also set the running value with sysctl -w when it differs"))
            .add(Param.bool("sysctl_set").defaultValue(false)
                    .doc("set the running value with sysctl -w when it differs, even with reload: false (Ansible's check against sysctl -n)"))
            .add(Param.bool("ignoreerrors").defaultValue(false)
                    .doc("persist a key the running kernel does not know, leaving the running value alone (Ansible's sysctl -e)"))
            .requiredIf("state", "present", "value")
            .build();

    @Override
    public String name() { return "sysctl"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.sysctl", "ansible.posix.sysctl"); }

    @Override
    public String summary() { return "Persist a kernel parameter in a sysctl file and set its running value"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return probes(p.string("name"), p.string("sysctl_file"), live(p));
    }

    /** Whether the running value is compared and set: Rigger's reload and Ansible's sysctl_set both ask for it. */
    private static boolean live(Params p) {
        return p.string("state").equals("present") && (p.bool("reload") || p.bool("sysctl_set"));
    }

    /** Where the file leads, its content, and with {@code live} the running value. */
    private static List<Probe> probes(String key, String file, boolean live) {
        List<Probe> probes = new ArrayList<>(List.of(new Probe.Run(List.of("readlink", "-f", "--", file)), new Probe.Read(file)));
        if (live) probes.add(new Probe.Run(List.of("sysctl", "-n", key)));
        return probes;
    }

    @Override
    public Change plan(Params p, Host host) {
        String key = validName(p.string("name"));
        String file = validFile(p.string("sysctl_file"));
        boolean present = p.string("state").equals("present");
        String value = present ? p.string("value").strip() : null;
        boolean live = live(p);
        List<ProbeResult> r = host.probe(probes(key, file, live));
        String target = r.get(0).ok() && !r.get(0).text().isBlank() ? r.get(0).text().strip() : file;
        String before = r.get(1).ok() ? r.get(1).text() : null;
        if (before == null && !present) return Change.none();
        SysctlFile current = new SysctlFile(before == null ? "" : before);
        String after = present ? current.withValue(key, value) : current.without(key);
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (!after.equals(before)) {
            diffs.add(before == null ? Diff.create(target, after) : Diff.update(target, before, after));
            if (!r.get(0).ok()) steps.add(Step.Run.of("mkdir", "-p", "--", parent(file)));
            steps.add(Step.WriteFile.of(target, after.getBytes(StandardCharsets.UTF_8), null));
        }
        if (live && (r.get(2).ok() || !p.bool("ignoreerrors"))) running(key, value, r.get(2), diffs, steps);
        return Change.of(diffs, steps);
    }

    /** Plans {@code sysctl -w} when the kernel's value differs (or the key is not there yet). */
    private static void running(String key, String value, ProbeResult now, List<Diff> diffs, List<Step> steps) {
        String current = now.ok() ? now.text().strip() : null;
        if (current != null && SysctlFile.same(current, value)) return;
        diffs.add(Diff.update(key + " (running)", current == null ? "(no such key)" : current, value));
        steps.add(Step.Run.of("sysctl", "-w", key + "=" + value));
    }

    static String validName(String key) {
        if (!NAME.matcher(key).matches()) {
            throw new ModuleException("invalid sysctl name " + Shown.quoted(key)
                    + ": use dot-separated words of letters, digits, '_' and '-' (no '/', '..', spaces or newlines)");
        }
        return key;
    }

    /** Absolute and one line by the spec; a file, not a folder, here. */
    private static String validFile(String file) {
        if (file.endsWith("/")) throw new ModuleException("sysctl_file must name a file, not a folder, got " + Shown.quoted(file));
        return file;
    }

    private static String parent(String file) {
        int slash = file.lastIndexOf('/');
        return slash <= 0 ? "/" : file.substring(0, slash);
    }
}
