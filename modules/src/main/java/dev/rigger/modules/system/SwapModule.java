package dev.rigger.modules.system;

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

/**
 * Swap off (as kubeadm requires) or on, now and after reboot. Now: {@code swapoff -a} only when
 * {@code /proc/swaps} lists a device, {@code swapon -a} only when it lists none. After reboot:
 * swap entries of {@code /etc/fstab} are commented out (kept, prefixed with {@code #}) or
 * uncommented, see {@link Fstab}. Ansible has no such module; playbooks use swapoff + a regexp.
 */
public final class SwapModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.choice("state", "off", "on").required()
                    .doc("off: swapoff -a and comment out fstab swap entries; on: uncomment them and swapon -a"))
            .build();

    @Override
    public String name() { return "swap"; }

    @Override
    public String summary() { return "Turn swap off (as kubeadm requires) or on, now and in /etc/fstab"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    private static final List<Probe> PROBES = List.of(new Probe.Read(Fstab.PATH), new Probe.Read("/proc/swaps"));

    @Override
    public List<Probe> firstProbes(Params p) {
        return PROBES;
    }

    @Override
    public Change plan(Params p, Host host) {
        List<ProbeResult> r = host.probe(PROBES);
        if (!r.get(1).ok()) throw new ModuleException("cannot read /proc/swaps: " + r.get(1).error().strip());
        String before = r.get(0).ok() ? r.get(0).text() : "";
        List<String> active = activeDevices(r.get(1).text());
        boolean off = p.string("state").equals("off");
        Fstab after = off ? new Fstab(before).swapOff() : new Fstab(before).swapOn();
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (off && !active.isEmpty()) {
            diffs.add(Diff.update("swap devices active", String.join(", ", active), "none"));
            steps.add(Step.Run.of("swapoff", "-a"));
        }
        if (!after.text().equals(before)) {
            diffs.add(Diff.update(Fstab.PATH, before, after.text()));
            steps.add(Step.WriteFile.of(Fstab.PATH, after.text().getBytes(StandardCharsets.UTF_8), null));
        }
        if (!off && active.isEmpty()) {
            if (!after.hasActiveSwap()) throw new ModuleException("state=on but " + Fstab.PATH + " has no swap entry to turn on");
            diffs.add(Diff.update("swap devices active", "none", "the swap entries of " + Fstab.PATH));
            steps.add(Step.Run.of("swapon", "-a"));
        }
        return Change.of(diffs, steps);
    }

    /** The first column of {@code /proc/swaps} below its header. */
    static List<String> activeDevices(String procSwaps) {
        return procSwaps.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.split("\\s+")[0]).toList();
    }
}
