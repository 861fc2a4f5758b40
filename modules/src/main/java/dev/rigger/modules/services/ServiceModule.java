package dev.rigger.modules.services;

import dev.rigger.spi.Probe;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A service's running state and whether it starts at boot, through systemd or a sysv init
 * script, whichever works on the host ({@link ServiceProbe}). Boot links change first, then
 * the running state, as in Ansible. {@code restarted} and {@code reloaded} always act on a
 * running service (they are for handlers) and start a stopped one.
 */
public final class ServiceModule implements Module {
    /** Unit-name characters; no '/', no leading '-' or '.', so it is neither a path nor an option. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@:-]*");

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").required().doc("the service (a systemd unit name or an /etc/init.d script)"))
            .add(Param.choice("state", "started", "stopped", "restarted", "reloaded")
                    .doc("started/stopped act only when needed; restarted/reloaded always act (for handlers)"))
            .add(Param.bool("enabled").doc("whether it starts at boot"))
            .add(Param.integer("sleep").doc("seconds between stop and start when an init script is restarted (as Ansible, not used with systemd, which restarts in one command)"))
            .add(Param.choice("use", "auto", "systemd", "sysv").defaultValue("auto")
                    .doc("the backend: systemd, sysv init scripts, or the one that works and knows the service (auto)"))
            .add(Param.bool("daemon_reload")
                    .doc("systemd: run systemctl daemon-reload first, when the task changes anything or systemd says the unit's file changed on disk"))
            .requireOneOf("state", "enabled", "daemon_reload")
            .build();

    @Override
    public String name() { return "service"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.service"); }

    @Override
    public String summary() { return "Start, stop, restart or reload a service and enable it at boot (systemd or sysv)"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return ServiceProbe.probes(p.string("name"));
    }

    @Override
    public Change plan(Params p, Host host) {
        String name = validName(p.string("name"));
        ServiceProbe.State now = ServiceProbe.query(host, name, p.string("use"), p.bool("daemon_reload"));
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (p.has("enabled")) boot(name, p.bool("enabled"), now, diffs, steps);
        boolean verifiable = !p.has("state") || running(name, p.string("state"), now, diffs, steps, p.has("sleep") ? p.integer("sleep") : 0);
        Map<String, Object> outputs = Map.of("backend", now.backend().name());
        if (p.bool("daemon_reload")) daemonReload(now, diffs, steps);
        if (steps.isEmpty()) return Change.none(outputs);
        Change c = Change.of(diffs, steps).withOutputs(outputs);
        return verifiable ? c : c.unverifiable();
    }

    /**
     * Ansible runs daemon-reload on every run and does not count it as a change; here it is planned
     * only when it matters (a changed unit file, or before the task's own changes), so a
     * converged host stays unchanged and a stale unit shows as a change.
     */
    static void daemonReload(ServiceProbe.State now, List<Diff> diffs, List<Step> steps) {
        if (!(now.backend() instanceof Backend.Systemd)) return;
        if (now.staleUnits()) diffs.add(0, Diff.update("systemd unit files", "changed on disk", "reloaded"));
        if (now.staleUnits() || !steps.isEmpty()) steps.add(0, Step.Run.of("systemctl", "daemon-reload"));
    }

    private static void boot(String name, boolean want, ServiceProbe.State now, List<Diff> diffs, List<Step> steps) {
        if (want == now.atBoot()) return;
        if (want && now.bootWord().equals("masked")) throw new ModuleException(name + " is masked; unmask it before enabling it");
        if (!want && !now.bootWord().equals("enabled") && !now.bootWord().equals("enabled-runtime")) return;
        diffs.add(Diff.update(subject(name, now, "enabled"), now.bootWord(), want ? "enabled" : "disabled"));
        steps.addAll(want ? now.backend().enable(name) : now.backend().disable(name));
    }

    /** Adds the state change; answers false when re-planning cannot show it happened (restart, reload). */
    private static boolean running(String name, String state, ServiceProbe.State now, List<Diff> diffs, List<Step> steps, int sleep) {
        String before = now.running() ? "started" : "stopped";
        String action = switch (state) {
            case "started" -> now.running() ? null : "start";
            case "stopped" -> now.running() ? "stop" : null;
            default -> now.running() ? state.substring(0, state.length() - 2) : "start";
        };
        if (action == null) return true;
        String after = action.equals("start") ? "started" : action.equals("stop") ? "stopped" : state;
        diffs.add(Diff.update(subject(name, now, "state"), before, after));
        if (action.equals("restart") && sleep > 0 && now.backend() instanceof Backend.Sysv) {
            // Ansible's restart "the hard way" for an init script: stop, sleep, start
            steps.addAll(List.of(now.backend().control(name, "stop"), Step.Run.of("sleep", String.valueOf(sleep)), now.backend().control(name, "start")));
        } else {
            steps.add(now.backend().control(name, action));
        }
        return action.equals("start") || action.equals("stop");
    }

    private static String subject(String name, ServiceProbe.State now, String what) {
        return "service " + name + " " + what + " (" + now.backend().name() + ")";
    }

    static String validName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ModuleException("invalid service name '" + name.replace("\n", "\\n")
                    + "': use letters, digits and _ . @ : - only (no spaces, ';', '/', quotes or newlines), not starting with '-' or '.'");
        }
        return name;
    }
}
