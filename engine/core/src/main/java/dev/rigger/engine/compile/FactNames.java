package dev.rigger.engine.compile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
            "env", "date_time", "selinux", "selinux_python_present", "virtualization_type", "virtualization_role", "dns");

    /** Every root name through which an expression reads facts: {@code ansible_facts} and each {@code ansible_NAME}. */
    public static Set<String> variables() {
        Set<String> out = new LinkedHashSet<>();
        out.add("ansible_facts");
        for (String n : ALL) out.add("ansible_" + n);
        return out;
    }

    private FactNames() { }

    /**
     * The setup filter for the names a run reads: each {@code ansible_NAME} read, or {@code *} when
     * a read can reach any fact ({@code ansible_facts}, {@code vars}, a whole {@code hostvars[h]}); empty when the run reads none.
     */
    static List<String> filter(Set<String> read) {
        if (read.contains("ansible_facts") || read.contains("vars")) return List.of("*");
        return ALL.stream().map(n -> "ansible_" + n).filter(read::contains).toList();
    }
}
