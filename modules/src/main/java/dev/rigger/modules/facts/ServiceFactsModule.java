package dev.rigger.modules.facts;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's {@code service_facts} (ansible-core 2.14): the host's services as
 * {@code ansible_facts.services}, {@code {name: {name, state, status?, source, ...}}}, computed by
 * the same rules from the same commands, all run by one shell probe:
 * <ul>
 * <li>sysv: when {@code service} is found and neither {@code chkconfig} nor {@code rc-status},
 * each {@code [ + ] NAME} / {@code [ - ] NAME} line of {@code service --status-all} is a service
 * running / stopped, source {@code sysv} (no status; {@code [ ? ]} lines are left out);</li>
 * <li>upstart: when {@code initctl} is found and {@code chkconfig} is not, {@code initctl list};</li>
 * <li>systemd: when PID 1's command name contains {@code systemd}, {@code systemctl list-units}
 * then {@code list-unit-files} (a unit file list-units did not name takes its state from
 * {@code systemctl show UNIT --property=ActiveState}, asked for every unit file in the same probe);
 * these entries replace sysv's of the same name.</li>
 * </ul>
 * Hosts with {@code chkconfig}, or OpenRC's {@code rc-status} and {@code rc-update}, are refused
 * (not built yet). No service found at all: the result is skipped with Ansible's message.
 */
public final class ServiceFactsModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder().build();

    static final String SCRIPT = "LC_ALL=C; LANG=C; export LC_ALL LANG; PATH=\"$PATH:/sbin:/usr/sbin:/usr/local/sbin\";"
            + " printf '@@@@tools\\n'; for t in service chkconfig initctl rc-status rc-update; do"
            + " command -v \"$t\" >/dev/null 2>&1 && printf '%s\\n' \"$t\"; done;"
            + " [ -e /etc/init.d ] && printf 'init.d\\n';"
            + " grep -q systemd /proc/1/comm 2>/dev/null && printf 'pid1-systemd\\n';"
            + " sc=$(PATH=\"$PATH:/usr/bin:/usr/local/bin\" command -v systemctl 2>/dev/null); [ -n \"$sc\" ] && printf 'systemctl\\n';"
            + " if command -v service >/dev/null 2>&1 && ! command -v chkconfig >/dev/null 2>&1 && ! command -v rc-status >/dev/null 2>&1; then"
            + " printf '@@@@sysv\\n'; service --status-all 2>/dev/null; printf '@@@@sysvrc\\n%s\\n' $?; fi;"
            + " if command -v initctl >/dev/null 2>&1 && ! command -v chkconfig >/dev/null 2>&1; then"
            + " printf '@@@@upstart\\n'; initctl list 2>/dev/null; printf '@@@@upstartrc\\n%s\\n' $?; fi;"
            + " if grep -q systemd /proc/1/comm 2>/dev/null && [ -n \"$sc\" ]; then"
            + " units=$(\"$sc\" list-units --no-pager --type service --all 2>/dev/null); urc=$?;"
            + " files=$(\"$sc\" list-unit-files --no-pager --type service --all 2>/dev/null); frc=$?;"
            + " printf '@@@@units\\n%s\\n@@@@unitsrc\\n%s\\n@@@@files\\n%s\\n@@@@filesrc\\n%s\\n@@@@show\\n' \"$units\" \"$urc\" \"$files\" \"$frc\";"
            + " printf '%s\\n' \"$files\" | grep -F .service | while read -r u rest; do"
            + " v=$(\"$sc\" show \"$u\" --property=ActiveState 2>/dev/null); printf '%s\\t%s\\t%s\\n' \"$u\" \"$?\" \"$v\"; done; fi;"
            + " true";
    private static final Probe PROBE = new Probe.Shell(SCRIPT);

    @Override
    public String name() { return "service_facts"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.service_facts"); }

    @Override
    public String summary() { return "Read the host's services (sysv, upstart, systemd) into ansible_facts.services; changes nothing"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- service_facts:\n\n- debug:\n    var: ansible_facts.services['ssh.service'].state\n";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return List.of(PROBE);
    }

    @Override
    public Change plan(Params p, Host host) {
        ProbeResult r = host.probe(List.of(PROBE)).get(0);
        Map<String, String> parts = PackageFactsModule.split(new String(r.output(), StandardCharsets.UTF_8));
        Set<String> tools = new LinkedHashSet<>(parts.getOrDefault("tools", "").lines().map(String::strip).toList());
        if (tools.contains("chkconfig")) {
            throw new ModuleException("service_facts: this host has chkconfig; Rigger does not read chkconfig's services yet");
        }
        if (!tools.contains("initctl") && tools.contains("rc-status") && tools.contains("rc-update")) {
            throw new ModuleException("service_facts: this host has OpenRC (rc-status, rc-update); Rigger does not read OpenRC's services yet");
        }
        Map<String, Object> services = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        if (parts.containsKey("sysv")) {
            String code = parts.getOrDefault("sysvrc", "").strip();
            int rc = code.matches("\\d{1,3}") ? Integer.parseInt(code) : 1;
            if (!(rc == 4 && !tools.contains("init.d"))) {
                if (rc != 0) warnings.add("Unable to query 'service' tool (" + rc + ")");
                sysv(parts.get("sysv"), services);
            }
        }
        if (parts.containsKey("upstart")) {
            if (!"0".equals(parts.getOrDefault("upstartrc", "1").strip())) warnings.add("Unable to query upstart for service data");
            else upstart(parts.get("upstart"), services);
        }
        if (parts.containsKey("units")) {
            Map<String, Map<String, Object>> systemd = new LinkedHashMap<>();
            if (!"0".equals(parts.getOrDefault("unitsrc", "1").strip())) warnings.add("Could not list units from systemd");
            else units(parts.get("units"), systemd);
            if (!"0".equals(parts.getOrDefault("filesrc", "1").strip())) warnings.add("Could not get unit files data from systemd");
            else unitFiles(parts.get("files"), parts.getOrDefault("show", ""), systemd);
            services.putAll(systemd);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (services.isEmpty()) {
            out.put("skipped", true);
            out.put("msg", "Failed to find any services. This can be due to privileges or some other configuration issue.");
        } else {
            out.put("ansible_facts", Map.of("services", services));
        }
        if (!warnings.isEmpty()) out.put("warnings", warnings);
        return Change.none(out);
    }

    private static final Pattern SYSV = Pattern.compile("^\\s*\\[ (?<state>[+-]) \\]\\s+(?<name>.+)$", Pattern.MULTILINE | Pattern.UNIX_LINES);

    static void sysv(String stdout, Map<String, Object> services) {
        Matcher m = SYSV.matcher(stdout);
        while (m.find()) {
            String name = m.group("name");
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", name);
            s.put("state", m.group("state").equals("+") ? "running" : "stopped");
            s.put("source", "sysv");
            services.put(name, s);
        }
    }

    private static final Pattern UPSTART = Pattern.compile("^\\s?(?<name>.*)\\s(?<goal>\\w+)/(?<state>\\w+)(,\\sprocess\\s(?<pid>[0-9]+))?\\s*$");

    static void upstart(String stdout, Map<String, Object> services) {
        for (String line : stdout.replace("\r", "").split("\n")) {
            Matcher m = UPSTART.matcher(line);
            if (!m.matches()) continue;
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", m.group("name"));
            s.put("state", m.group("state"));
            s.put("goal", m.group("goal"));
            s.put("source", "upstart");
            services.put(m.group("name"), s);
        }
    }

    private static final List<String> BAD_STATES = List.of("not-found", "masked", "failed");

    static void units(String stdout, Map<String, Map<String, Object>> services) {
        for (String line : stdout.split("\n")) {
            if (!line.contains(".service")) continue;
            List<String> fields = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
            String status = null;
            for (String bad : BAD_STATES) {
                if (fields.contains(bad)) {
                    status = bad;
                    fields.remove(0);
                    break;
                }
            }
            if (fields.size() < 4) continue;
            if (status == null) status = fields.get(2);
            String name = fields.get(0);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", name);
            s.put("state", fields.get(3).equals("running") ? "running" : "stopped");
            s.put("status", status);
            s.put("source", "systemd");
            services.put(name, s);
        }
    }

    static void unitFiles(String stdout, String shown, Map<String, Map<String, Object>> services) {
        Map<String, String> active = new LinkedHashMap<>();
        for (String line : shown.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 3) continue;
            active.put(f[0], f[1].equals("0") && !f[2].isEmpty() ? f[2].replace("ActiveState=", "").stripTrailing() : "unknown");
        }
        for (String line : stdout.split("\n")) {
            if (!line.contains(".service")) continue;
            String[] f = line.strip().split("\\s+");
            if (f.length < 2) throw new ModuleException("Malformed output discovered from systemd list-unit-files: " + line);
            String name = f[0];
            String status = f[1];
            Map<String, Object> s = services.get(name);
            if (s == null) {
                s = new LinkedHashMap<>();
                s.put("name", name);
                s.put("state", active.getOrDefault(name, "unknown"));
                s.put("status", status);
                s.put("source", "systemd");
                services.put(name, s);
            } else if (!BAD_STATES.contains(String.valueOf(s.get("status")))) {
                s.put("status", status);
            }
        }
    }
}
