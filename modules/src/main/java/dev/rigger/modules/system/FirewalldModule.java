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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One firewalld setting of a zone, as ansible.posix.firewalld (1.5.4) sets it: a service, a port,
 * a protocol, an ICMP block, a rich rule or a source, enabled or disabled, in the running
 * configuration (immediate, the default) and/or the permanent one. Read and changed with
 * {@code firewall-cmd} ({@code --query-*}, {@code --add-*}, {@code --remove-*}); Ansible uses
 * firewalld's Python client. A host without firewall-cmd, or whose firewalld is not running,
 * fails the task saying so. One round trip.
 */
public final class FirewalldModule implements Module {
    /** What one setting is called on firewall-cmd's command line, and the parameter naming it. */
    private static final List<String> KINDS = List.of("service", "port", "protocol", "icmp_block", "rich_rule", "source");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}(-[0-9]{1,5})?/(tcp|udp|sctp|dccp)");
    private static final Pattern SOURCE = Pattern.compile("[0-9A-Fa-f:.]+(/[0-9]{1,3})?|ipset:[A-Za-z0-9_.-]+|([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");
    private static final String ONE_OF = "icmp_block, icmp_block_inversion, service, protocol, port, port_forward, rich_rule, interface, masquerade, source, target";

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("service").singleLine().doc("a firewalld service name (http, ssh, ...)"))
            .add(Param.string("port").singleLine().doc("PORT/PROTOCOL or FROM-TO/PROTOCOL (tcp, udp, sctp, dccp)"))
            .add(Param.string("protocol").singleLine().doc("a protocol name from /etc/protocols"))
            .add(Param.string("icmp_block").singleLine().doc("an ICMP type to block"))
            .add(Param.string("rich_rule").singleLine().doc("a rich rule, in firewalld's rich language"))
            .add(Param.string("source").singleLine().doc("an address or network (permanent only, as Ansible)"))
            .add(Param.string("zone").singleLine().doc("the zone (firewalld's default zone when not given)"))
            .add(Param.bool("permanent").doc("change the permanent configuration (then also the running one only with immediate)"))
            .add(Param.bool("immediate").defaultValue(false)
                    .doc("with permanent, also change the running configuration; without permanent it is implied"))
            .add(Param.choice("state", "absent", "disabled", "enabled", "present").required()
                    .doc("enabled or disabled (present and absent are for zones, which Rigger does not create or delete)"))
            .add(Param.integer("timeout").defaultValue(0).doc("seconds an enabled running setting lasts (0: until reload)"))
            .add(Param.string("icmp_block_inversion").doc("not supported"))
            .add(Param.list("port_forward").elements(Param.Type.MAP).doc("not supported"))
            .add(Param.string("interface").doc("not supported"))
            .add(Param.string("masquerade").doc("not supported"))
            .add(Param.choice("target", "default", "ACCEPT", "DROP", "%%REJECT%%").doc("not supported"))
            .add(Param.bool("offline").doc("not supported"))
            .mutuallyExclusive("icmp_block", "icmp_block_inversion", "service", "protocol", "port", "port_forward",
                    "rich_rule", "interface", "masquerade", "source", "target")
            .requiredBy("source", "permanent")
            .refused("icmp_block_inversion", "not implemented: set it with firewall-cmd --add-icmp-block-inversion in a command task guarded by --query-icmp-block-inversion")
            .refused("port_forward", "not implemented: use a rich_rule with forward-port, or firewall-cmd --add-forward-port in a command task")
            .refused("interface", "not implemented (Ansible also moves the interface out of its current zone): use firewall-cmd --change-interface in a command task")
            .refused("masquerade", "not implemented: use firewall-cmd --add-masquerade in a command task guarded by --query-masquerade")
            .refused("target", "not implemented: use firewall-cmd --permanent --zone=ZONE --set-target in a command task")
            .refused("offline", "not implemented: Rigger changes a running firewalld only; start the firewalld service first")
            .build();

    @Override public String name() { return "firewalld"; }

    @Override public List<String> aliases() { return List.of("ansible.posix.firewalld", "community.general.firewalld"); }

    @Override public String summary() { return "Enable or disable a firewalld service, port, protocol, ICMP block, rich rule or source in a zone"; }

    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - name: Open the web port now and after a reload
                  ansible.posix.firewalld:
                    port: 8080/tcp
                    permanent: true
                    immediate: true
                    state: enabled
                """;
    }

    /** The setting as one firewall-cmd word's tail ({@code service=http}), checked; null for a zone-level call. */
    private static String setting(Params p) {
        for (String kind : KINDS) {
            String v = p.string(kind);
            if (v == null) continue;
            v = v.strip();
            boolean ok = switch (kind) {
                case "port" -> PORT.matcher(v).matches();
                case "source" -> SOURCE.matcher(v).matches();
                case "rich_rule" -> !v.isEmpty();
                default -> NAME.matcher(v).matches();
            };
            if (!ok) {
                throw new ModuleException(kind.equals("port") && !v.contains("/") ? "improper port format (missing protocol?)"
                        : kind + " " + Shown.quoted(v) + " is not a firewalld " + kind.replace('_', ' '));
            }
            return kind.replace('_', '-') + "=" + v;
        }
        return null;
    }

    private static List<String> cmd(boolean permanent, String zone, String action) {
        List<String> argv = new ArrayList<>(List.of("firewall-cmd"));
        if (permanent) argv.add("--permanent");
        if (zone != null) argv.add("--zone=" + zone);
        argv.add(action);
        return argv;
    }

    /** The two configurations the task touches: permanent and/or running, as Ansible's transactions pick them. */
    private static List<Boolean> layers(Params p) {
        boolean permanent = p.bool("permanent");
        boolean immediate = p.bool("immediate") || !permanent;
        List<Boolean> out = new ArrayList<>();
        if (permanent) out.add(true);
        if (immediate) out.add(false);
        return out;
    }

    private static String zone(Params p) {
        String zone = p.string("zone");
        if (zone != null && !NAME.matcher(zone).matches()) throw new ModuleException("zone " + Shown.quoted(zone) + " is not a firewalld zone name");
        return zone;
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        List<Probe> probes = new ArrayList<>(List.of(new Probe.Run(List.of("firewall-cmd", "--state"))));
        String setting;
        String zone;
        try {
            setting = setting(p);
            zone = zone(p);
        } catch (ModuleException e) {
            return probes;   // plan says why
        }
        if (setting == null) return probes;
        for (boolean permanent : layers(p)) probes.add(new Probe.Run(cmd(permanent, zone, "--query-" + setting)));
        return probes;
    }

    @Override
    public Change plan(Params p, Host host) {
        String state = p.string("state");
        String setting = setting(p);
        String zone = zone(p);
        if (setting == null) {
            throw new ModuleException("name one of " + ONE_OF + " (a zone's own state, present or absent, is not supported: "
                    + "create or delete zones with firewall-cmd --permanent --new-zone/--delete-zone in a command task)");
        }
        if (state.equals("present") || state.equals("absent")) {
            throw new ModuleException("absent and present state can only be used in zone level operations");
        }
        int timeout = p.integer("timeout");
        if (timeout < 0) throw new ModuleException("timeout is seconds, 0 or more: got " + timeout);
        List<ProbeResult> r = host.probe(firstProbes(p));
        ProbeResult running = r.get(0);
        if (running.exitCode() == 127) {
            throw new ModuleException("firewall-cmd is not on " + host.name() + ": firewalld is not installed (install the firewalld package first)");
        }
        if (!running.ok() || !running.text().strip().equals("running")) {
            throw new ModuleException("firewalld service must be running on " + host.name() + " (firewall-cmd --state: "
                    + Shown.quoted((running.text() + running.error()).strip()) + "): start it first; Rigger does not change an offline firewalld");
        }
        boolean enable = state.equals("enabled");
        List<Boolean> layers = layers(p);
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            boolean permanent = layers.get(i);
            ProbeResult q = r.get(i + 1);
            // firewall-cmd --query-*: exit 0 yes, 1 no; anything else is an error (INVALID_ZONE 112, INVALID_SERVICE 101, ...)
            if (q.exitCode() != 0 && q.exitCode() != 1) {
                throw new ModuleException(String.join(" ", cmd(permanent, zone, "--query-" + setting)) + " failed (exit "
                        + q.exitCode() + "): " + (q.error() + q.text()).strip());
            }
            boolean on = q.exitCode() == 0;
            if (on == enable) continue;
            String where = (permanent ? "permanent" : "running") + " firewalld" + (zone != null ? " zone " + zone : "");
            diffs.add(Diff.update(where + ": " + setting, on ? "enabled" : "disabled", state));
            List<String> argv = cmd(permanent, zone, (enable ? "--add-" : "--remove-") + setting);
            if (enable && !permanent && timeout > 0) argv.add("--timeout=" + timeout + "s");
            steps.add(Step.Run.of(argv));
        }
        String kind = setting.substring(0, setting.indexOf('='));
        String value = setting.substring(setting.indexOf('=') + 1);
        String operation = layers.size() == 2 ? "Permanent and Non-Permanent(immediate) operation"
                : layers.get(0) ? "Permanent operation" : "Non-permanent operation";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("msg", steps.isEmpty() ? operation : operation + ", Changed " + kind.replace('-', '_') + " " + value + " to " + state);
        if (steps.isEmpty()) return Change.none(out);
        return Change.of(diffs, steps).withOutputs(out);
    }
}
