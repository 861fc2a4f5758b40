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
    /** ActiveStates that count as running: is-active's (exit 0) and Ansible's activating. */
    private static final Set<String> RUNNING = Set.of("active", "reloading", "refreshing", "activating");
    /** Fixed scripts: no user value is ever put into them. */
    private static final String TOOLS = "(for tool in service update-rc.d chkconfig; do command -v \"$tool\"; done)";
    private static final String RC_LINKS = "ls -1 /etc/rc[2-5].d /etc/rc.d/rc[2-5].d 2>/dev/null";

    /**
     * What a service is now, and through which backend. {@code bootWord} is systemd's is-enabled
     * answer, or enabled/disabled; {@code staleUnits} whether systemd says its unit file changed on
     * disk since it was loaded (NeedDaemonReload, heeded only for daemon_reload).
     */
    record State(Backend backend, boolean running, boolean atBoot, String bootWord, boolean staleUnits) { }

    private ServiceProbe() { }

    /**
     * What {@link #query} asks: systemd's view (one {@code systemctl show}, as Ansible's systemd
     * module and {@link SystemdModule} read a unit, so a play using both asks it once), the init
     * script's, and the SysV tools and links.
     */
    static List<Probe> probes(String name) {
        return List.of(new Probe.Run(List.of("systemctl", "show", "--", name)),
                new Probe.Stat("/etc/init.d/" + name),
                new Probe.Run(List.of("/etc/init.d/" + name, "status")),
                new Probe.Shell(TOOLS),
                new Probe.Shell(RC_LINKS));
    }

    static State query(Host host, String name, String use, boolean reloadCheck) {
        List<ProbeResult> r = host.probe(probes(name));
        boolean systemdWorks = r.get(0).ok() && r.get(0).text().contains("LoadState=");
        UnitShow unit = UnitShow.parse(systemdWorks ? r.get(0).text() : "");
        String load = unit.get("LoadState");
        boolean systemdKnows = load.equals("loaded") || load.equals("masked");
        boolean script = r.get(1).fileState() != null && r.get(1).fileState().exists();
        String systemdSays = systemdWorks ? "systemd: LoadState=" + load : "systemd does not work here";
        boolean systemd = switch (use) {
            case "systemd" -> require(systemdKnows, "systemd cannot manage " + name + " (" + systemdSays + ")");
            case "sysv" -> !require(script, "there is no init script /etc/init.d/" + name);
            default -> systemdKnows
                    || !require(script, "there is no service " + name + " on this host (" + systemdSays + "; no /etc/init.d/" + name + ")");
        };
        return systemd ? systemd(name, unit, r, reloadCheck && unit.needsReload()) : sysv(name, r);
    }

    /**
     * Running as Ansible's systemd module reads it ({@code is_running_service}: ActiveState
     * active or activating), and as {@code systemctl is-active} exits 0 (reloading, refreshing):
     * a unit systemd is starting, or restarting after a crash ({@code activating (auto-restart)}:
     * kubelet before {@code kubeadm init}, every 10 s) is running; {@code systemctl start} would
     * change nothing there. (Ansible stops a {@code deactivating} unit for {@code state: stopped};
     * here it reads as stopped.) At boot as {@code systemctl is-enabled} answers: the
     * UnitFileState, {@code alias} when the name is another unit's alias, and for a unit systemd
     * generated from an init script the script's rc links, as is-enabled asks them of
     * chkconfig or update-rc.d (systemd itself calls such a unit static or generated).
     */
    private static State systemd(String name, UnitShow unit, List<ProbeResult> r, boolean staleUnits) {
        boolean running = RUNNING.contains(unit.get("ActiveState"));
        String word = unit.get("UnitFileState");
        if (fromInitScript(unit)) word = sysvLinked(name, r) ? "enabled" : "disabled";
        else if (!word.equals("masked") && isAlias(name, unit)) word = "alias";
        return new State(new Backend.Systemd(), running, ON_AT_BOOT.contains(word), word.isEmpty() ? "disabled" : word, staleUnits);
    }

    /** systemd-sysv-generator names the script as the unit's SourcePath (its FragmentPath is none, or in a generator directory). */
    private static boolean fromInitScript(UnitShow unit) {
        String source = unit.get("SourcePath");
        String fragment = unit.get("FragmentPath");
        return (source.startsWith("/etc/init.d/") || source.startsWith("/etc/rc.d/init.d/"))
                && (fragment.isEmpty() || fragment.startsWith("/run/systemd/generator"));
    }

    /** systemd shows an alias's unit: its Id is another name than the one asked (nginx asks nginx.service). */
    private static boolean isAlias(String name, UnitShow unit) {
        String id = unit.get("Id");
        return !id.isEmpty() && !id.equals(name) && !id.equals(name + ".service");
    }

    private static State sysv(String name, List<ProbeResult> r) {
        List<String> tools = r.get(3).text().lines().map(String::strip).toList();
        String linker = tools.stream().filter(t -> t.endsWith("/update-rc.d")).findFirst().map(t -> "update-rc.d")
                .orElse(tools.stream().anyMatch(t -> t.endsWith("/chkconfig")) ? "chkconfig" : null);
        boolean viaService = tools.stream().anyMatch(t -> t.endsWith("/service"));
        boolean atBoot = sysvLinked(name, r);
        return new State(new Backend.Sysv(viaService, linker), r.get(2).ok(), atBoot, atBoot ? "enabled" : "disabled", false);
    }

    /** Whether a runlevel 2-5 directory starts the script ({@code S<nn><name>}). */
    private static boolean sysvLinked(String name, List<ProbeResult> r) {
        Pattern start = Pattern.compile("S\\d\\d" + Pattern.quote(name));
        return r.get(4).text().lines().map(String::strip).anyMatch(l -> start.matcher(l).matches());
    }

    /** Returns {@code ok}, or fails with {@code why}. */
    private static boolean require(boolean ok, String why) {
        if (!ok) throw new ModuleException(why);
        return true;
    }
}
