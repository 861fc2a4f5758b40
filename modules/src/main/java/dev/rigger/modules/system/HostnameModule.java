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
 * The host's name: the running (kernel) name and the persisted {@code /etc/hostname}. Uses
 * {@code hostnamectl} where systemd runs; where it does not (containers, the lab) it runs
 * {@code hostname NAME} first, so the kernel name is the new one even if the file write fails,
 * then writes {@code /etc/hostname}.
 */
public final class HostnameModule implements Module {
    static final String FILE = "/etc/hostname";
    /** systemd runs (sd_booted()'s own test): a shell builtin, where asking hostnamectl costs a process and a D-Bus call. */
    static final String SYSTEMD = "[ -d /run/systemd/system ]";
    /** RFC 1123 labels joined by dots; the kernel keeps at most 64 bytes. */
    private static final Pattern VALID = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").required().doc("the host name (letters, digits, '-' and '.', at most 64 characters)"))
            .add(Param.choice("use", "auto", "systemd", "generic").defaultValue("auto")
                    .doc("how to set it: hostnamectl (systemd), hostname + /etc/hostname (generic), or hostnamectl where systemd runs (auto)"))
            .build();

    @Override
    public String name() { return "hostname"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.hostname"); }

    @Override
    public String summary() { return "Set the host's name: the running name and /etc/hostname"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    /** The running name, the persisted one, and whether systemd runs. */
    private static final List<Probe> PROBES = List.of(new Probe.Run(List.of("hostname")), new Probe.Read(FILE), new Probe.Shell(SYSTEMD));

    @Override
    public List<Probe> firstProbes(Params p) {
        return PROBES;
    }

    @Override
    public Change plan(Params p, Host host) {
        String want = validate(p.string("name"));
        List<ProbeResult> r = host.probe(PROBES);
        if (!r.get(0).ok()) throw new ModuleException("cannot read the running host name: " + r.get(0).error().trim());
        String running = r.get(0).text().trim();
        String persisted = r.get(1).ok() ? r.get(1).text().trim() : null;
        boolean systemd = switch (p.string("use")) {
            case "systemd" -> true;
            case "generic" -> false;
            default -> r.get(2).ok();
        };
        List<Diff> diffs = new ArrayList<>();
        if (!want.equals(running)) diffs.add(Diff.update("hostname (running)", running, want));
        if (!want.equals(persisted)) {
            diffs.add(persisted == null ? Diff.create(FILE, want) : Diff.update(FILE, persisted, want));
        }
        if (diffs.isEmpty()) return Change.none(outputs(systemd));
        return Change.of(diffs, systemd ? List.of(Step.Run.of("hostnamectl", "set-hostname", want))
                : generic(want, running, persisted)).withOutputs(outputs(systemd));
    }

    private static List<Step> generic(String want, String running, String persisted) {
        List<Step> steps = new ArrayList<>();
        if (!want.equals(running)) steps.add(Step.Run.of("hostname", want));
        if (!want.equals(persisted)) {
            steps.add(Step.WriteFile.of(FILE, (want + "\n").getBytes(StandardCharsets.UTF_8), null));
        }
        return steps;
    }

    private static java.util.Map<String, Object> outputs(boolean systemd) {
        return java.util.Map.of("hostname_strategy", systemd ? "systemd" : "generic");
    }

    static String validate(String name) {
        if (name.length() > 64 || !VALID.matcher(name).matches()) {
            throw new ModuleException("invalid host name " + Shown.quoted(name)
                    + ": use letters, digits, '-' and '.' only (no spaces or newlines), labels not starting or"
                    + " ending with '-', at most 64 characters");
        }
        return name;
    }
}
