package dev.rigger.modules.services;

import dev.rigger.spi.Host;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Asks a host, in one round trip, both what systemd and what sysv know of a service, then picks
 * the backend that works there: systemd when {@code systemctl} answers and knows the unit, else
 * the init script. "Answers" is tested, not assumed from PID 1, because hosts without systemd
 * may carry a working replacement (as the lab does) and containers a systemctl that cannot work.
 */
final class ServiceProbe {
    /** is-enabled answers that mean "starts at boot" or "not ours to switch" (static units). */
    private static final Set<String> ON_AT_BOOT = Set.of("enabled", "enabled-runtime", "static", "indirect", "generated", "alias");
    /** Fixed scripts: no user value is ever put into them. */
    private static final String TOOLS = "(for tool in service update-rc.d chkconfig; do command -v \"$tool\"; done)";
    private static final String RC_LINKS = "ls -1 /etc/rc[2-5].d /etc/rc.d/rc[2-5].d 2>/dev/null";

    /**
     * What a service is now, and through which backend. {@code bootWord} is systemd's is-enabled
     * answer, or enabled/disabled; {@code staleUnits} whether systemd says its unit file changed on
     * disk since it was loaded (NeedDaemonReload, asked only for daemon_reload).
     */
    record State(Backend backend, boolean running, boolean atBoot, String bootWord, boolean staleUnits) { }

    private ServiceProbe() { }

    /**
     * What {@link #query} asks: systemd's view, the init script's, and the SysV tools and links;
     * with {@code reloadCheck} also whether systemd needs a daemon-reload for the unit.
     */
    static List<Probe> probes(String name, boolean reloadCheck) {
        List<Probe> probes = new java.util.ArrayList<>(probes(name));
        if (reloadCheck) probes.add(new Probe.Run(List.of("systemctl", "show", "-p", "NeedDaemonReload", name)));
        return probes;
    }

    private static List<Probe> probes(String name) {
        return List.of(new Probe.Run(List.of("systemctl", "show", "-p", "LoadState", name)),
                new Probe.Run(List.of("systemctl", "is-active", name)),
                new Probe.Run(List.of("systemctl", "is-enabled", name)),
                new Probe.Stat("/etc/init.d/" + name),
                new Probe.Run(List.of("/etc/init.d/" + name, "status")),
                new Probe.Shell(TOOLS),
                new Probe.Shell(RC_LINKS));
    }

    static State query(Host host, String name, String use, boolean reloadCheck) {
        List<ProbeResult> r = host.probe(probes(name, reloadCheck));
        boolean systemdWorks = r.get(0).ok() && r.get(0).text().contains("LoadState=");
        String load = systemdWorks ? r.get(0).text().replaceFirst("(?s).*LoadState=(\\S*).*", "$1") : "";
        boolean systemdKnows = load.equals("loaded") || load.equals("masked");
        boolean script = r.get(3).fileState() != null && r.get(3).fileState().exists();
        String systemdSays = systemdWorks ? "systemd: LoadState=" + load : "systemd does not work here";
        boolean systemd = switch (use) {
            case "systemd" -> require(systemdKnows, "systemd cannot manage " + name + " (" + systemdSays + ")");
            case "sysv" -> !require(script, "there is no init script /etc/init.d/" + name);
            default -> systemdKnows
                    || !require(script, "there is no service " + name + " on this host (" + systemdSays + "; no /etc/init.d/" + name + ")");
        };
        return systemd ? systemd(r, reloadCheck && r.get(7).text().contains("NeedDaemonReload=yes")) : sysv(name, r);
    }

    /**
     * Running as Ansible's systemd module reads it ({@code is_running_service}: ActiveState
     * active or activating): a unit systemd is starting, or restarting after a crash
     * ({@code activating (auto-restart)}: kubelet before {@code kubeadm init}, every 10 s) is
     * running; {@code systemctl start} would change nothing there. {@code is-active} exits 3 for
     * it, so its word decides, not its exit code. (Ansible stops a {@code deactivating} unit for
     * {@code state: stopped}; here it reads as stopped.)
     */
    private static State systemd(List<ProbeResult> r, boolean staleUnits) {
        String word = r.get(2).text().strip();
        boolean running = r.get(1).ok() || r.get(1).text().strip().equals("activating");
        return new State(new Backend.Systemd(), running, ON_AT_BOOT.contains(word), word.isEmpty() ? "disabled" : word, staleUnits);
    }

    private static State sysv(String name, List<ProbeResult> r) {
        List<String> tools = r.get(5).text().lines().map(String::strip).toList();
        String linker = tools.stream().filter(t -> t.endsWith("/update-rc.d")).findFirst().map(t -> "update-rc.d")
                .orElse(tools.stream().anyMatch(t -> t.endsWith("/chkconfig")) ? "chkconfig" : null);
        boolean viaService = tools.stream().anyMatch(t -> t.endsWith("/service"));
        Pattern start = Pattern.compile("S\\d\\d" + Pattern.quote(name));
        boolean atBoot = r.get(6).text().lines().map(String::strip).anyMatch(l -> start.matcher(l).matches());
        return new State(new Backend.Sysv(viaService, linker), r.get(4).ok(), atBoot, atBoot ? "enabled" : "disabled", false);
    }

    /** Returns {@code ok}, or fails with {@code why}. */
    private static boolean require(boolean ok, String why) {
        if (!ok) throw new ModuleException(why);
        return true;
    }
}
