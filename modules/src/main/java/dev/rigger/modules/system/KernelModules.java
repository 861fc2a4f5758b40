package dev.rigger.modules.system;

import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a kernel module is loaded, asked in one round trip: {@code /proc/modules} (loaded
 * modules), {@code /sys/module/NAME} (also built-ins that have parameters), the kernel's
 * {@code modules.builtin} list, and for modules that leave neither trace when built in, the
 * interface they add (br_netfilter's {@code /proc/sys/net/bridge}, which kubeadm checks too).
 * Kernels without module support (no {@code /proc/modules}) are common in VMs and the lab.
 */
final class KernelModules {
    enum Status { LOADED, BUILTIN, ABSENT }

    private static final Map<String, String> EVIDENCE = Map.of("br_netfilter", "/proc/sys/net/bridge");
    /** Fixed text, no user value: the list of modules compiled into the running kernel. */
    private static final String BUILTIN_LIST = "cat \"/lib/modules/$(uname -r)/modules.builtin\"";

    private KernelModules() { }

    static List<Probe> probes(String name) {
        String canonical = canonical(name);
        List<Probe> probes = new ArrayList<>(List.of(new Probe.Read("/proc/modules"),
                new Probe.Stat("/sys/module/" + canonical), new Probe.Shell(BUILTIN_LIST)));
        if (EVIDENCE.containsKey(canonical)) probes.add(new Probe.Stat(EVIDENCE.get(canonical)));
        return probes;
    }

    /** Reads the answers to {@link #probes}, in the same order. */
    static Status status(String name, List<ProbeResult> r) {
        String canonical = canonical(name);
        if (r.get(0).ok() && r.get(0).text().lines().anyMatch(l -> l.split(" ", 2)[0].equals(canonical))) return Status.LOADED;
        if (exists(r.get(1))) return Status.BUILTIN;
        if (r.get(2).ok() && r.get(2).text().lines().anyMatch(l -> canonical(baseName(l)).equals(canonical))) return Status.BUILTIN;
        if (r.size() > 3 && exists(r.get(3))) return Status.BUILTIN;
        return Status.ABSENT;
    }

    private static boolean exists(ProbeResult stat) {
        return stat.fileState() != null && stat.fileState().exists();
    }

    private static String baseName(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return base.endsWith(".ko") ? base.substring(0, base.length() - 3) : base;
    }

    /** The kernel lists modules with '_' where their names may have '-'. */
    static String canonical(String name) {
        return name.replace('-', '_');
    }
}
