package dev.rigger.modules.facts;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Ansible's {@code setup}: the host's facts, read by one shell script in one round trip (only the
 * parts of it that the subset and filter need), returned as {@code ansible_facts} with Ansible's
 * names and shapes. The engine makes them the host's facts ({@code ansible_facts.NAME} and
 * {@code ansible_NAME}); {@code gather_facts} calls this module with the names the playbook reads
 * as the filter. Needs no Python on the host (when there is none, {@code ansible_python} is absent).
 */
public final class SetupModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.list("gather_subset").defaultValue(List.of("all"))
                    .doc("what to gather: all, min, hardware, network, virtual, or a collector (platform, distribution, "
                            + "mounts, service_mgr, pkg_mgr, python, user, env, date_time, selinux, dns, fips); !NAME leaves one out; "
                            + "min is always gathered unless !min"))
            .add(Param.list("filter").defaultValue(List.of())
                    .doc("keep only the facts whose ansible_ name matches one of these shell patterns (ansible_*_mb)"))
            .build();

    /** Every fact this module can fill, without the {@code ansible_} prefix (interfaces' own facts aside). */
    public static List<String> factNames() {
        return java.util.Arrays.stream(FactGroup.values()).flatMap(g -> g.names.stream()).toList();
    }

    @Override
    public String name() { return "setup"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.setup", "gather_facts", "ansible.builtin.gather_facts"); }

    @Override
    public String summary() { return "Gather the host's facts (ansible_facts) in one round trip; changes nothing"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- setup:\n    gather_subset: [network]\n    filter: [ansible_default_ipv4]";
    }

    /** The script, so that gather_facts rides on the round trip that fetches the first tasks' probes ahead. */
    @Override
    public List<Probe> firstProbes(Params p) {
        List<String> subset = p.list("gather_subset");
        if (!subset.stream().allMatch(FactSelection::known)) return List.of();
        Set<FactGroup> groups = FactSelection.groups(subset, p.list("filter"));
        return groups.isEmpty() ? List.of() : List.of(new Probe.Shell(script(groups)));
    }

    @Override
    public Change plan(Params p, Host host) {
        List<String> subset = p.list("gather_subset");
        for (String w : subset) {
            if (!FactSelection.known(w)) throw new ModuleException("gather_subset: unknown subset '" + w + "' (known: all, min, hardware, "
                    + "network, virtual, platform, distribution, mounts, service_mgr, pkg_mgr, python, user, env, date_time, selinux, dns, fips)");
        }
        List<String> filter = p.list("filter");
        Set<FactGroup> groups = FactSelection.groups(subset, filter);
        Map<String, Object> facts = new TreeMap<>();
        if (!groups.isEmpty()) {
            ProbeResult r = host.probe(List.of(new Probe.Shell(script(groups)))).get(0);
            Map<FactGroup, String> parts = split(new String(r.output(), StandardCharsets.UTF_8));
            Map<String, Object> bare = new LinkedHashMap<>();
            for (FactGroup g : FactGroup.values()) if (parts.containsKey(g)) parse(g, parts.get(g), bare);
            bare.forEach((k, v) -> { if (FactSelection.matches(filter, "ansible_" + k)) facts.put("ansible_" + k, v); });
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ansible_facts", facts);
        return Change.none(out);
    }

    /** One script: each group's part after a marker line; a failing part leaves its section short, never the script. */
    static String script(Set<FactGroup> groups) {
        StringBuilder s = new StringBuilder();
        for (FactGroup g : groups) s.append(" printf '\\n@@@@%s\\n' ").append(g.name()).append("; { ").append(g.script).append("; } 2>/dev/null;");
        return s.append(" true").toString();
    }

    static Map<FactGroup, String> split(String output) {
        Map<FactGroup, String> parts = new LinkedHashMap<>();
        FactGroup current = null;
        StringBuilder text = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.startsWith("@@@@")) {
                if (current != null) parts.put(current, text.toString());
                current = FactGroup.valueOf(line.substring(4).strip());
                text.setLength(0);
            } else if (current != null) {
                text.append(line).append('\n');
            }
        }
        if (current != null) parts.put(current, text.toString());
        return parts;
    }

    /** Distribution and platform first (the enum's order), as pkg_mgr and service_mgr read them. */
    private static void parse(FactGroup g, String text, Map<String, Object> out) {
        switch (g) {
            case PLATFORM -> SystemFacts.platform(text, out);
            case DISTRIBUTION -> SystemFacts.distribution(text, out);
            case NETWORK -> NetworkFacts.parse(text, out);
            case HARDWARE -> HardwareFacts.parse(text, out);
            case MOUNTS -> HardwareFacts.mounts(text, out);
            case SERVICE_MGR -> SystemFacts.serviceMgr(text, out);
            case PKG_MGR -> SystemFacts.pkgMgr(text, out);
            case PYTHON -> SystemFacts.python(text, out);
            case USER -> SystemFacts.user(text, out);
            case ENV -> SystemFacts.env(text, out);
            case DATE_TIME -> SystemFacts.dateTime(text, out);
            case SELINUX -> SystemFacts.selinux(text, out);
            case VIRTUAL -> SystemFacts.virtual(text, out);
            case DNS -> SystemFacts.dns(text, out);
            case FIPS -> SystemFacts.fips(text, out);
        }
    }
}
