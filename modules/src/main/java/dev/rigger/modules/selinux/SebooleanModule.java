package dev.rigger.modules.selinux;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SELinux boolean, as ansible.posix.seboolean (1.5.4): read with getsebool, set with setsebool
 * (-P with persistent). A host whose SELinux is disabled fails the task as in Ansible ("SELinux is
 * disabled on this host."), unless ignore_selinux_state; a host without getsebool fails it saying
 * what to install. One round trip.
 */
public final class SebooleanModule implements Module {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    /** getsebool's answer: {@code NAME --> on}, or {@code NAME --> on pending: off} while a change is pending. */
    private static final Pattern VALUE = Pattern.compile("^(\\S+) --> (on|off)(?: pending: (on|off))?\\s*$");

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").required().notEmpty().singleLine().doc("the boolean (httpd_can_network_connect, ...)"))
            .add(Param.bool("state").required().doc("true: on, false: off"))
            .add(Param.bool("persistent").defaultValue(false).doc("also keep the value across reboots (setsebool -P)"))
            .add(Param.bool("ignore_selinux_state").defaultValue(false)
                    .doc("try even when SELinux is disabled (the boolean is then still read with getsebool)"))
            .build();

    @Override public String name() { return "seboolean"; }

    @Override public List<String> aliases() { return List.of("ansible.posix.seboolean", "ansible.builtin.seboolean"); }

    @Override public String summary() { return "Turn an SELinux boolean on or off (as ansible.posix.seboolean)"; }

    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - name: Let the web server connect out, across reboots
                  ansible.posix.seboolean:
                    name: httpd_can_network_connect
                    state: true
                    persistent: true
                """;
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return List.of(SelinuxRuntime.probe(), new Probe.Run(List.of("getsebool", p.string("name"))));
    }

    @Override
    public Change plan(Params p, Host host) {
        String name = p.string("name");
        if (!NAME.matcher(name).matches()) {
            throw new ModuleException("an SELinux boolean's name is letters, digits and '_', got " + Shown.quoted(name));
        }
        boolean state = p.bool("state");
        List<ProbeResult> r = host.probe(firstProbes(p));
        if (!p.bool("ignore_selinux_state") && SelinuxRuntime.of(r.get(0)) == SelinuxRuntime.DISABLED) {
            throw new ModuleException("SELinux is disabled on this host.");
        }
        ProbeResult get = r.get(1);
        if (get.exitCode() == 127) {
            throw new ModuleException("getsebool is not on " + host.name() + ": install the SELinux tools first (policycoreutils, or libselinux-utils)");
        }
        if (!get.ok()) {
            String why = (get.error() + get.text()).strip();
            if (why.contains("disabled")) throw new ModuleException("Failed to get list of boolean names (" + why + ")");
            throw new ModuleException("SELinux boolean " + name + " does not exist.");
        }
        Matcher m = VALUE.matcher(get.text().strip());
        if (!m.matches()) throw new ModuleException("cannot read getsebool's answer for " + name + ": " + Shown.quoted(get.text().strip()));
        boolean active = m.group(2).equals("on");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("persistent", p.bool("persistent"));
        out.put("state", state);
        if (active == state) return Change.none(out);
        List<String> argv = new ArrayList<>(List.of("setsebool"));
        if (p.bool("persistent")) argv.add("-P");
        argv.add(name);
        argv.add(state ? "on" : "off");
        return Change.of(List.of(Diff.update("SELinux boolean " + name, m.group(2), state ? "on" : "off")), List.of(Step.Run.of(argv)))
                .withOutputs(out);
    }
}
