package dev.rigger.engine.compile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The facts {@code setup} gathers, by their names without the {@code ansible_} prefix (as in
 * {@code ansible_facts}), so that expressions may read them (and {@code ansible_facts}) without
 * being taken for typos, and so the compiler can tell which facts a run reads.
 * {@code SetupModuleNamesTest} keeps this list equal to what the module fills.
 */
public final class FactNames {
    public static final List<String> ALL = List.of("hostname", "nodename", "fqdn", "domain", "system", "kernel",
            "kernel_version", "architecture", "machine", "distribution", "distribution_version",
            "distribution_major_version", "distribution_release", "distribution_file_variety", "os_family",
            "default_ipv4", "default_ipv6", "all_ipv4_addresses", "all_ipv6_addresses", "interfaces", "memtotal_mb",
            "memfree_mb", "swaptotal_mb", "swapfree_mb", "processor", "processor_vcpus", "processor_count",
            "processor_cores", "processor_threads_per_core", "processor_nproc", "mounts", "service_mgr", "pkg_mgr",
            "python", "python_version", "user_id", "user_uid", "user_gid", "user_dir", "user_shell", "user_gecos",
            "env", "date_time", "selinux", "selinux_python_present", "virtualization_type", "virtualization_role", "dns", "fips");

    /** Every root name through which an expression reads facts: {@code ansible_facts} and each {@code ansible_NAME}. */
    public static Set<String> variables() {
        Set<String> out = new LinkedHashSet<>();
        out.add("ansible_facts");
        for (String n : ALL) out.add("ansible_" + n);
        return out;
    }

    /** The facts modules return without the {@code ansible_} prefix, which become variables by their own name. */
    private static final Map<String, List<String>> MODULE_FACTS = Map.of("package_facts", List.of("packages"),
            "service_facts", List.of("services"));

    /**
     * The variables a task of {@code module} sets through its facts besides {@code ansible_facts}:
     * {@code packages} after package_facts, {@code services} after service_facts (Ansible's INJECT_FACTS_AS_VARS).
     */
    public static List<String> ofModule(String module) {
        return MODULE_FACTS.getOrDefault(module.replaceFirst("^ansible\\.(builtin|legacy)\\.", ""), List.of());
    }

    /**
     * Ansible's {@code ansible_<interface>} facts ({@code ansible_eth0.ipv4.address}): named after
     * the host's network interfaces ({@code -} and {@code .} as {@code _}), which only the host
     * knows; a name of the usual Linux interface names is taken as one (lo, eth0, ens3, enp0s3,
     * wlan0, bond0, br0, docker0, veth..., eth0.100 as eth0_100, ...). Reading one gathers the network facts.
     */
    private static final Pattern INTERFACE = Pattern.compile("ansible_(lo|((eth|em|ib|bond|team|virbr|docker|vlan|tun|wg|cni|dummy|ifb"
            + "|lxcbr|lxdbr|tailscale|flannel_|kube_ipvs|wlan)\\d+|en[opsx]|wl[opsx]|ww[opsx]|p\\d+p|br|veth|tap|cali|vxlan)\\w*)");

    /** Whether {@code name} (a variable read) is an {@code ansible_<interface>} fact: see {@link #INTERFACE}. */
    public static boolean isInterface(String name) {
        return !name.startsWith("ansible_facts") && INTERFACE.matcher(name).matches();
    }

    private FactNames() { }

    /**
     * The setup filter for the names a run reads: each {@code ansible_NAME} read (interfaces' too), or {@code *} when
     * a read can reach any fact ({@code ansible_facts}, {@code vars}, a whole {@code hostvars[h]}); empty when the run reads none.
     */
    static List<String> filter(Set<String> read) {
        if (read.contains("ansible_facts") || read.contains("vars")) return List.of("*");
        List<String> names = new java.util.ArrayList<>(ALL.stream().map(n -> "ansible_" + n).filter(read::contains).toList());
        read.stream().filter(FactNames::isInterface).sorted().forEach(names::add);
        return names;
    }
}
