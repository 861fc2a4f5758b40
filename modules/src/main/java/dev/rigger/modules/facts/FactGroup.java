package dev.rigger.modules.facts;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The facts {@code setup} can gather, in groups that each cost one part of the one shell script
 * (a group's part reads files under /proc, /etc and /sys, or runs {@code ip -j}, {@code uname},
 * {@code id}), with the {@code ansible_*} names each group fills. Ansible's subset names
 * ({@code gather_subset}) map onto these groups.
 */
enum FactGroup {
    PLATFORM("platform", "uname -s; uname -r; uname -m; uname -v; uname -n; hostname 2>/dev/null || uname -n;"
            + " hostname -f 2>/dev/null || hostname 2>/dev/null || uname -n",
            "hostname", "nodename", "fqdn", "domain", "system", "kernel", "kernel_version", "architecture", "machine"),
    DISTRIBUTION("distribution", "cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null;"
            + " printf '\\n@@@\\n'; cat /etc/debian_version 2>/dev/null; printf '\\n@@@\\n'; cat /etc/redhat-release 2>/dev/null",
            "distribution", "distribution_version", "distribution_major_version", "distribution_release",
            "distribution_file_variety", "os_family"),
    NETWORK("network", "ip -j addr show 2>/dev/null; printf '\\n@@@\\n'; ip -j -4 route show default 2>/dev/null;"
            + " printf '\\n@@@\\n'; ip -j -6 route show default 2>/dev/null; printf '\\n@@@\\n'; ls -U /sys/class/net;"
            + " printf '\\n@@@\\n'; for d in /sys/class/net/*; do p=$(readlink \"$d/device\" 2>/dev/null); s=$(cat \"$d/speed\" 2>/dev/null); m=;"
            + " [ -e \"$d/device/driver/module\" ] && m=$(readlink -f \"$d/device/driver/module\");"
            + " printf '%s\\t%s\\t%s\\t%s\\n' \"${d##*/}\" \"${p##*/}\" \"$s\" \"${m##*/}\"; done",
            "default_ipv4", "default_ipv6", "all_ipv4_addresses", "all_ipv6_addresses", "interfaces"),
    HARDWARE("hardware", "cat /proc/meminfo; printf '\\n@@@\\n'; cat /proc/cpuinfo; printf '\\n@@@\\n'; nproc 2>/dev/null",
            "memtotal_mb", "memfree_mb", "swaptotal_mb", "swapfree_mb", "processor", "processor_vcpus", "processor_count",
            "processor_cores", "processor_threads_per_core", "processor_nproc"),
    MOUNTS("mounts", "while read -r dev mnt fs opts rest; do case \"$dev\" in /*|\\\\*|*:/*) ;; *) [ \"$fs\" = none ] || continue;; esac;"
            + " m=$(printf '%b' \"$mnt\"); printf '%s\\t%s\\t%s\\t%s\\t' \"$dev\" \"$m\" \"$fs\" \"$opts\";"
            + " stat -f -c '%S %b %f %a %c %d' \"$m\" 2>/dev/null || echo; done < /proc/mounts;"
            + " printf '\\n@@@\\n'; ls -l /dev/disk/by-uuid 2>/dev/null; printf '\\n@@@\\n';"
            + " while read -r id parent dev root mnt rest; do [ \"$root\" = / ] || printf '%b\\n' \"$mnt\"; done < /proc/self/mountinfo",
            "mounts"),
    SERVICE_MGR("service_mgr", "cat /proc/1/comm 2>/dev/null; printf '\\n@@@\\n'; readlink /sbin/init 2>/dev/null; printf '\\n@@@\\n';"
            + " for p in /run/systemd/system /dev/.run/systemd /dev/.systemd /sbin/openrc /etc/init /etc/init.d; do"
            + " [ -e $p ] && echo $p; done; command -v systemctl initctl 2>/dev/null; true",
            "service_mgr"),
    PKG_MGR("pkg_mgr", "for p in /usr/bin/yum /usr/bin/dnf /usr/bin/dnf5 /usr/bin/apt-get /usr/bin/zypper /usr/bin/pacman"
            + " /sbin/apk /usr/bin/emerge /usr/bin/microdnf /usr/bin/rpm-ostree; do [ -e $p ] && echo $p; done; true",
            "pkg_mgr"),
    PYTHON("python", "for p in python3 python /usr/libexec/platform-python; do x=$(command -v $p) || continue;"
            + " \"$x\" -c 'import sys; v = sys.version_info; print(sys.executable); print(v[0], v[1], v[2], v[3], v[4]);"
            + " print(sys.implementation.name)' 2>/dev/null && break; done; true",
            "python", "python_version"),
    USER("user", "id -un; id -u; id -g; getent passwd \"$(id -un)\"",
            "user_id", "user_uid", "user_gid", "user_dir", "user_shell", "user_gecos"),
    ENV("env", "env -0", "env"),
    DATE_TIME("date_time", "LC_ALL=C date +%s.%N; LC_ALL=C date +%z; LC_ALL=C date +%Z", "date_time"),
    SELINUX("selinux", "cat /sys/fs/selinux/enforce 2>/dev/null; printf '\\n@@@\\n'; cat /etc/selinux/config 2>/dev/null; true",
            "selinux", "selinux_python_present"),
    VIRTUAL("virtual", "cat /proc/1/cgroup 2>/dev/null; printf '\\n@@@\\n'; tr '\\0' '\\n' < /proc/1/environ 2>/dev/null | grep '^container='; printf '\\n@@@\\n';"
            + " ls -d /.dockerenv /.dockerinit /run/.containerenv /proc/vz /proc/bc /proc/xen 2>/dev/null; printf '\\n@@@\\n';"
            + " cat /sys/devices/virtual/dmi/id/product_name /sys/devices/virtual/dmi/id/sys_vendor 2>/dev/null; printf '\\n@@@\\n';"
            + " grep -c '^flags.* hypervisor' /proc/cpuinfo 2>/dev/null; true",
            "virtualization_type", "virtualization_role"),
    DNS("dns", "cat /etc/resolv.conf 2>/dev/null; true", "dns"),
    FIPS("fips", "cat /proc/sys/crypto/fips_enabled 2>/dev/null; true", "fips");

    /** Ansible's {@code min} subset, of those Rigger gathers. */
    static final Set<FactGroup> MIN = EnumSet.of(PLATFORM, DISTRIBUTION, SERVICE_MGR, PKG_MGR, PYTHON, USER, ENV,
            DATE_TIME, SELINUX, DNS, FIPS);

    final String subset;
    final String script;
    final List<String> names;

    FactGroup(String subset, String script, String... names) {
        this.subset = subset;
        this.script = script;
        this.names = List.of(names);
    }

    /** What a group needs besides itself: pkg_mgr and service_mgr decide by the distribution. */
    Set<FactGroup> needs() {
        return switch (this) {
            case PKG_MGR, SERVICE_MGR -> EnumSet.of(DISTRIBUTION, PLATFORM);
            default -> EnumSet.noneOf(FactGroup.class);
        };
    }
}
