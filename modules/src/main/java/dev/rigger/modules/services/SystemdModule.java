package dev.rigger.modules.services;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit, in the order Ansible's systemd module acts: daemon-reload, mask/unmask, enable/
 * disable, then the running state. The unit is read with one {@code systemctl show}, whose
 * properties are also what {@code register} sees as {@code status}.
 */
public final class SystemdModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").aliases("service", "unit").doc("the unit (nginx, nginx.service, foo.timer)"))
            .add(Param.choice("state", "started", "stopped", "restarted", "reloaded")
                    .doc("started/stopped act only when needed; restarted/reloaded always act (for handlers)"))
            .add(Param.bool("enabled").doc("whether it starts at boot"))
            .add(Param.bool("masked").doc("whether it is masked (cannot be started at all)"))
            .add(Param.bool("daemon_reload").aliases("daemon-reload")
                    .doc("run systemctl daemon-reload first: when systemd says the unit's file changed on disk, or before the task's other changes; without name, always"))
            .add(Param.choice("scope", "system", "user", "global").defaultValue("system")
                    .doc("the manager: the system's, the connecting user's (--user), or every user's (--global)"))
            .add(Param.bool("no_block").defaultValue(false).doc("do not wait for start/stop to finish (--no-block)"))
            .requireOneOf("name", "daemon_reload")
            .requiredBy("state", "name")
            .requiredBy("enabled", "name")
            .requiredBy("masked", "name")
            .build();

    @Override
    public String name() { return "systemd"; }

    @Override
    public List<String> aliases() {
        return List.of("systemd_service", "ansible.builtin.systemd", "ansible.builtin.systemd_service");
    }

    @Override
    public String summary() { return "Start, stop, restart, reload, enable, mask a systemd unit, and reload systemd's unit files"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() { return "- systemd:\n    name: nginx\n    state: started\n    enabled: true\n    daemon_reload: true\n"; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return p.has("name") ? probes(p) : List.of();
    }

    private static List<Probe> probes(Params p) {
        List<String> argv = new ArrayList<>(systemctl(p));
        argv.addAll(List.of("show", "--", p.string("name")));
        return List.of(new Probe.Run(argv));
    }

    /** systemctl with the scope's flag. */
    private static List<String> systemctl(Params p) {
        return switch (p.string("scope")) {
            case "user" -> List.of("systemctl", "--user");
            case "global" -> List.of("systemctl", "--global");
            default -> List.of("systemctl");
        };
    }

    private static Step run(Params p, String... words) {
        List<String> argv = new ArrayList<>(systemctl(p));
        argv.addAll(List.of(words));
        return Step.Run.of(argv);
    }

    @Override
    public Change plan(Params p, Host host) {
        if (!p.has("name")) {   // daemon_reload alone: nothing to compare with, so it always runs, as in Ansible
            return Change.of(List.of(Diff.run("systemctl daemon-reload")), List.of(run(p, "daemon-reload"))).unverifiable();
        }
        String name = ServiceModule.validName(p.string("name"));
        ProbeResult r = host.probe(probes(p)).get(0);
        if (!r.ok()) throw new ModuleException("systemctl show " + Shown.quoted(name) + " failed: " + r.error().strip());
        UnitShow unit = UnitShow.parse(r.text());
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (p.has("masked") && p.bool("masked") != unit.masked()) {
            diffs.add(Diff.update(subject(name, "masked"), Boolean.toString(unit.masked()), Boolean.toString(p.bool("masked"))));
            steps.add(run(p, p.bool("masked") ? "mask" : "unmask", name));
        }
        boolean maskedAfter = p.has("masked") ? p.bool("masked") : unit.masked();
        if ((p.has("state") || p.has("enabled")) && !unit.found() && !(p.has("masked") && !p.bool("masked"))) {
            throw new ModuleException("Could not find the requested service " + name + ": host");
        }
        if (p.has("enabled") && p.bool("enabled") != unit.enabled()) {
            if (p.bool("enabled") && maskedAfter) throw new ModuleException(name + " is masked; unmask it (masked: false) before enabling it");
            diffs.add(Diff.update(subject(name, "enabled"), unit.get("UnitFileState"), p.bool("enabled") ? "enabled" : "disabled"));
            steps.add(run(p, p.bool("enabled") ? "enable" : "disable", name));
        }
        boolean verifiable = true;
        if (p.has("state")) verifiable = running(p, name, unit, diffs, steps);
        if (p.bool("daemon_reload") && (unit.needsReload() || !steps.isEmpty())) {
            if (unit.needsReload()) diffs.add(0, Diff.update("systemd unit files", "changed on disk", "reloaded"));
            steps.add(0, run(p, "daemon-reload"));
        }
        Map<String, Object> out = outputs(p, name, unit);
        if (steps.isEmpty()) return Change.none(out);
        Change c = Change.of(diffs, steps).withOutputs(out);
        return verifiable ? c : c.unverifiable();
    }

    /** Adds the state change; answers false when re-planning cannot show it happened (restart, reload). */
    private static boolean running(Params p, String name, UnitShow unit, List<Diff> diffs, List<Step> steps) {
        String state = p.string("state");
        String action = switch (state) {
            case "started" -> unit.running() ? null : "start";
            case "stopped" -> unit.running() ? "stop" : null;
            default -> unit.running() ? state.substring(0, state.length() - 2) : "start";
        };
        if (action == null) return true;
        diffs.add(Diff.update(subject(name, "state"), unit.running() ? "started" : "stopped",
                action.equals("start") ? "started" : action.equals("stop") ? "stopped" : state));
        steps.add(p.bool("no_block") ? run(p, "--no-block", action, name) : run(p, action, name));
        return action.equals("start") || action.equals("stop");
    }

    private static Map<String, Object> outputs(Params p, String name, UnitShow unit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        if (p.has("state")) out.put("state", p.string("state"));
        if (p.has("enabled")) out.put("enabled", p.bool("enabled"));
        out.put("status", unit.properties());
        return out;
    }

    private static String subject(String name, String what) {
        return "unit " + name + " " + what;
    }
}
