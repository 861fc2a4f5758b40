package dev.rigger.modules.selinux;

import dev.rigger.modules.Shown;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SELinux network port types, as community.general.seport: accepted with its parameters so the
 * roles that call it load, and refused on the host. A host whose SELinux is disabled fails the
 * task with Ansible's message ("SELinux is disabled on this host."), unless ignore_selinux_state;
 * where SELinux runs (or is ignored) Rigger does not manage port types yet and says what to run
 * instead. One read, no change ever made.
 */
public final class SeportModule implements Module {
    /** A port or a range, as semanage takes them: 8080 or 10000-10100. */
    private static final Pattern PORT = Pattern.compile("\\d{1,5}(-\\d{1,5})?");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_]+");

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.list("ports").required().notEmpty().doc("ports or ranges (8080, 10000-10100), a list or a comma-separated string"))
            .add(Param.choice("proto", "tcp", "udp").required().doc("the ports' protocol"))
            .add(Param.string("setype").required().notEmpty().singleLine().doc("the SELinux type for the ports (http_port_t, ...)"))
            .add(Param.choice("state", "absent", "present").defaultValue("present").doc("whether the ports have that type"))
            .add(Param.bool("reload").defaultValue(true).doc("reload the SELinux policy after the change"))
            .add(Param.bool("ignore_selinux_state").defaultValue(false).doc("try even when SELinux is disabled"))
            .add(Param.bool("local").defaultValue(false).doc("work with local modifications only"))
            .build();

    @Override public String name() { return "seport"; }

    @Override public List<String> aliases() {
        return List.of("community.general.seport", "community.general.system.seport", "ansible.builtin.seport");
    }

    @Override public String summary() {
        return "SELinux network port types (community.general.seport): refused where SELinux is disabled, as Ansible; not managed where it runs";
    }

    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - name: Allow Apache to listen on tcp port 8888
                  community.general.seport:
                    ports: 8888
                    proto: tcp
                    setype: http_port_t
                    state: present
                """;
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return List.of(SelinuxRuntime.probe());
    }

    @Override
    public Change plan(Params p, Host host) {
        for (String port : p.list("ports")) {
            if (!PORT.matcher(port).matches()) throw new ModuleException("a port is a number or a range (10000-10100), got " + Shown.quoted(port));
        }
        if (!TYPE.matcher(p.string("setype")).matches()) {
            throw new ModuleException("an SELinux type is letters, digits and '_', got " + Shown.quoted(p.string("setype")));
        }
        boolean disabled = SelinuxRuntime.of(host.probe(firstProbes(p)).get(0)) == SelinuxRuntime.DISABLED;
        if (disabled && !p.bool("ignore_selinux_state")) throw new ModuleException("SELinux is disabled on this host.");
        throw new ModuleException("Rigger does not manage SELinux port types yet: run 'semanage port "
                + (p.string("state").equals("present") ? "-a" : "-d") + " -t " + p.string("setype") + " -p " + p.string("proto") + " "
                + String.join(",", p.list("ports")) + "' in a command task (on " + host.name() + " SELinux is "
                + (disabled ? "disabled" : "enabled") + ")");
    }
}
