package dev.rigger.modules.facts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the system groups' parts of the script as Ansible's collectors name and shape them:
 * platform, distribution, service and package manager, python, user, env, date_time, selinux,
 * virtualization, dns. Each method takes its group's text and adds to {@code out} (names
 * without the {@code ansible_} prefix).
 */
final class SystemFacts {
    private SystemFacts() { }

    /** ID in os-release -> Ansible's distribution name; os_family by that name. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("debian", "Debian"), Map.entry("ubuntu", "Ubuntu"), Map.entry("centos", "CentOS"),
            Map.entry("rhel", "RedHat"), Map.entry("fedora", "Fedora"), Map.entry("rocky", "Rocky"),
            Map.entry("almalinux", "AlmaLinux"), Map.entry("ol", "OracleLinux"), Map.entry("amzn", "Amazon"),
            Map.entry("sles", "SLES"), Map.entry("opensuse-leap", "openSUSE Leap"), Map.entry("opensuse-tumbleweed", "openSUSE Tumbleweed"),
            Map.entry("alpine", "Alpine"), Map.entry("arch", "Archlinux"), Map.entry("linuxmint", "Linux Mint"),
            Map.entry("raspbian", "Debian"), Map.entry("kali", "Kali"), Map.entry("gentoo", "Gentoo"));
    private static final Map<String, String> FAMILY = Map.ofEntries(
            Map.entry("Debian", "Debian"), Map.entry("Ubuntu", "Debian"), Map.entry("Linux Mint", "Debian"), Map.entry("Kali", "Debian"),
            Map.entry("CentOS", "RedHat"), Map.entry("RedHat", "RedHat"), Map.entry("Fedora", "RedHat"), Map.entry("Rocky", "RedHat"),
            Map.entry("AlmaLinux", "RedHat"), Map.entry("OracleLinux", "RedHat"), Map.entry("Amazon", "RedHat"),
            Map.entry("SLES", "Suse"), Map.entry("openSUSE Leap", "Suse"), Map.entry("openSUSE Tumbleweed", "Suse"),
            Map.entry("Alpine", "Alpine"), Map.entry("Archlinux", "Archlinux"), Map.entry("Gentoo", "Gentoo"));

    static void platform(String text, Map<String, Object> out) {
        List<String> l = lines(text);
        String system = at(l, 0);
        out.put("system", system);
        out.put("kernel", at(l, 1));
        out.put("machine", at(l, 2));
        out.put("architecture", architecture(at(l, 2)));
        out.put("kernel_version", at(l, 3));
        out.put("nodename", at(l, 4));
        String hostname = at(l, 5);
        out.put("hostname", hostname.split("\\.")[0]);
        String fqdn = at(l, 6).isEmpty() ? hostname : at(l, 6);
        out.put("fqdn", fqdn);
        int dot = fqdn.indexOf('.');
        out.put("domain", dot < 0 ? "" : fqdn.substring(dot + 1));
    }

    private static String architecture(String machine) {
        if (machine.matches("i[3-6]86")) return "i386";
        return machine;
    }

    static void distribution(String text, Map<String, Object> out) {
        String[] parts = text.split("@@@\n?", -1);
        Map<String, String> os = keyValues(parts[0]);
        String debianVersion = parts.length > 1 ? parts[1].strip() : "";
        String redhat = parts.length > 2 ? parts[2].strip() : "";
        String id = os.getOrDefault("ID", "");
        String name = NAMES.getOrDefault(id, os.getOrDefault("NAME", "Linux").split(" ")[0]);
        String version = os.getOrDefault("VERSION_ID", "");
        String release = os.getOrDefault("VERSION_CODENAME", "");
        if (name.equals("Debian") && debianVersion.matches("\\d+(\\.\\d+)*")) version = debianVersion;
        if (!redhat.isEmpty() && "RedHat".equals(FAMILY.get(name))) {
            Matcher m = Pattern.compile("release (\\d+(?:\\.\\d+)?)").matcher(redhat);
            if (m.find() && !name.equals("Fedora")) version = m.group(1);
            Matcher r = Pattern.compile("\\(([^)]*)\\)").matcher(redhat);
            if (r.find()) release = r.group(1);
        }
        if (release.isEmpty()) release = "NA";
        out.put("distribution", name);
        out.put("distribution_version", version.isEmpty() ? "NA" : version);
        out.put("distribution_major_version", version.isEmpty() ? "NA" : version.split("\\.")[0]);
        out.put("distribution_release", release);
        out.put("distribution_file_variety", FAMILY.getOrDefault(name, name));
        out.put("os_family", FAMILY.getOrDefault(name, name));
    }

    /** As Ansible's ServiceMgrFactCollector on Linux. */
    static void serviceMgr(String text, Map<String, Object> out) {
        String[] parts = text.split("@@@\n?", -1);
        String comm = parts[0].strip();
        String init = parts.length > 1 ? parts[1].strip() : "";
        List<String> present = parts.length > 2 ? lines(parts[2]) : List.of();
        String proc1 = comm.isEmpty() ? (init.isEmpty() ? null : init) : comm;
        if (proc1 != null) proc1 = proc1.substring(proc1.lastIndexOf('/') + 1);
        if (proc1 != null && (proc1.equals("init") || proc1.endsWith("sh"))) proc1 = null;
        String mgr;
        boolean systemctl = present.stream().anyMatch(p -> p.endsWith("/systemctl"));
        if (proc1 != null) {
            mgr = Map.of("procd", "openwrt_init", "runit-init", "runit", "svscan", "svc", "openrc-init", "openrc").getOrDefault(proc1, proc1);
        } else if (systemctl && present.stream().anyMatch(p -> p.startsWith("/run/systemd") || p.startsWith("/dev/."))) {
            mgr = "systemd";
        } else if (present.stream().anyMatch(p -> p.endsWith("/initctl")) && present.contains("/etc/init")) {
            mgr = "upstart";
        } else if (present.contains("/sbin/openrc")) {
            mgr = "openrc";
        } else if (systemctl && init.endsWith("systemd")) {
            mgr = "systemd";
        } else if (present.contains("/etc/init.d")) {
            mgr = "sysvinit";
        } else {
            mgr = "service";
        }
        out.put("service_mgr", mgr);
    }

    /** As Ansible's PkgMgrFactCollector: the last one present, then the family's own. */
    static void pkgMgr(String text, Map<String, Object> out) {
        Map<String, String> byPath = Map.of("/usr/bin/yum", "yum", "/usr/bin/dnf", "dnf", "/usr/bin/dnf5", "dnf5",
                "/usr/bin/apt-get", "apt", "/usr/bin/zypper", "zypper", "/usr/bin/pacman", "pacman", "/sbin/apk", "apk",
                "/usr/bin/emerge", "portage", "/usr/bin/microdnf", "dnf", "/usr/bin/rpm-ostree", "atomic_container");
        List<String> present = lines(text);
        String mgr = "unknown";
        for (String p : present) mgr = byPath.getOrDefault(p, mgr);
        String family = String.valueOf(out.get("os_family"));
        if (family.equals("Debian")) mgr = "apt";
        if (family.equals("RedHat") && (mgr.equals("yum") || mgr.equals("dnf"))) {
            String major = String.valueOf(out.get("distribution_major_version"));
            boolean old = major.matches("\\d+") && Integer.parseInt(major) < (out.get("distribution").equals("Fedora") ? 23 : 8);
            mgr = old || !present.contains("/usr/bin/dnf") ? "yum" : "dnf";
        }
        out.put("pkg_mgr", mgr);
    }

    /** Absent when the host has no Python: Rigger needs none, so its facts never do either. */
    static void python(String text, Map<String, Object> out) {
        List<String> l = lines(text);
        if (l.size() < 3) return;
        String[] v = l.get(1).split(" ");
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("major", Integer.parseInt(v[0]));
        version.put("minor", Integer.parseInt(v[1]));
        version.put("micro", Integer.parseInt(v[2]));
        version.put("releaselevel", v[3]);
        version.put("serial", Integer.parseInt(v[4]));
        Map<String, Object> py = new LinkedHashMap<>();
        py.put("executable", l.get(0));
        py.put("has_sslcontext", true);
        py.put("type", l.get(2).equals("cpython") ? "cpython" : l.get(2));
        py.put("version", version);
        py.put("version_info", List.of(version.get("major"), version.get("minor"), version.get("micro"), v[3], version.get("serial")));
        out.put("python", py);
        out.put("python_version", v[0] + "." + v[1] + "." + v[2]);
    }

    static void user(String text, Map<String, Object> out) {
        List<String> l = lines(text);
        out.put("user_id", at(l, 0));
        out.put("user_uid", toInt(at(l, 1)));
        out.put("user_gid", toInt(at(l, 2)));
        String[] pw = at(l, 3).split(":", -1);
        if (pw.length >= 7) {
            out.put("user_gecos", pw[4]);
            out.put("user_dir", pw[5]);
            out.put("user_shell", pw[6]);
        }
    }

    static void env(String text, Map<String, Object> out) {
        Map<String, Object> env = new TreeMap<>();
        for (String e : text.split("\0")) {
            int eq = e.indexOf('=');
            if (eq > 0) env.put(e.substring(0, eq).strip(), e.substring(eq + 1));
        }
        out.put("env", env);
    }

    /** Ansible's date_time, every value a string as there; iso8601 and _micro in UTC, the rest local. */
    static void dateTime(String text, Map<String, Object> out) {
        List<String> l = lines(text);
        String[] sn = at(l, 0).split("\\.");
        long epoch = Long.parseLong(sn[0]);
        int nanos = sn.length > 1 && sn[1].matches("\\d{9}") ? Integer.parseInt(sn[1]) : 0;
        String off = at(l, 1);
        ZoneOffset zone = off.matches("[+-]\\d{4}") ? ZoneOffset.of(off.substring(0, 3) + ":" + off.substring(3)) : ZoneOffset.UTC;
        Instant now = Instant.ofEpochSecond(epoch, nanos);
        ZonedDateTime t = now.atZone(zone);
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("date", t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd")));
        d.put("day", t.format(DateTimeFormatter.ofPattern("dd")));
        d.put("epoch", String.valueOf(epoch));
        d.put("epoch_int", String.valueOf(epoch));
        d.put("hour", t.format(DateTimeFormatter.ofPattern("HH")));
        d.put("iso8601", utc.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")));
        d.put("iso8601_basic", t.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSSSSS")));
        d.put("iso8601_basic_short", t.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")));
        d.put("iso8601_micro", utc.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")));
        d.put("minute", t.format(DateTimeFormatter.ofPattern("mm")));
        d.put("month", t.format(DateTimeFormatter.ofPattern("MM")));
        d.put("second", t.format(DateTimeFormatter.ofPattern("ss")));
        d.put("time", t.format(DateTimeFormatter.ofPattern("HH:mm:ss")));
        d.put("tz", at(l, 2));
        d.put("tz_dst", at(l, 2));
        d.put("tz_offset", off);
        d.put("weekday", t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        d.put("weekday_number", String.valueOf(t.getDayOfWeek().getValue() % 7));
        d.put("weeknumber", String.format("%02d", mondayWeek(t)));
        d.put("year", t.format(DateTimeFormatter.ofPattern("yyyy")));
        out.put("date_time", d);
    }

    /** strftime's %W: the week of the year, weeks starting on Monday, days before the first Monday in week 0. */
    private static int mondayWeek(ZonedDateTime t) {
        int yday = t.get(ChronoField.DAY_OF_YEAR) - 1;
        int wday = t.getDayOfWeek().getValue() % 7;
        return (yday + 7 - ((wday + 6) % 7)) / 7;
    }

    static void selinux(String text, Map<String, Object> out) {
        String[] parts = text.split("@@@\n?", -1);
        String enforce = parts[0].strip();
        Map<String, Object> s = new LinkedHashMap<>();
        if (enforce.isEmpty()) {
            s.put("status", "disabled");
        } else {
            Map<String, String> config = keyValues(parts.length > 1 ? parts[1] : "");
            s.put("status", "enabled");
            s.put("mode", enforce.equals("1") ? "enforcing" : "permissive");
            s.put("config_mode", config.getOrDefault("SELINUX", "unknown"));
            s.put("type", config.getOrDefault("SELINUXTYPE", "unknown"));
        }
        out.put("selinux", s);
        out.put("selinux_python_present", true);
    }

    /** As Ansible's LinuxVirtual, for the usual containers and hypervisors; "NA" when none shows. */
    static void virtual(String text, Map<String, Object> out) {
        String[] p = text.split("@@@\n?", -1);
        String cgroup = p[0];
        String environ = p.length > 1 ? p[1] : "";
        List<String> files = p.length > 2 ? lines(p[2]) : List.of();
        String dmi = p.length > 3 ? p[3] : "";
        String hypervisorFlag = p.length > 4 ? p[4].strip() : "0";
        String type = null;
        if (Pattern.compile("/docker(/|-[0-9a-f]+\\.scope)").matcher(cgroup).find()) type = "docker";
        else if (cgroup.contains("/lxc/") || cgroup.contains("/machine.slice/machine-lxc")) type = "lxc";
        else if (cgroup.contains("/system.slice/containerd.service")) type = "containerd";
        else if (environ.contains("container=lxc")) type = "lxc";
        else if (environ.contains("container=podman")) type = "podman";
        else if (environ.startsWith("container=")) type = "container";
        else if (files.contains("/proc/vz") && !files.contains("/proc/bc")) type = "openvz";
        else if (files.contains("/.dockerenv") || files.contains("/.dockerinit")) type = "docker";
        else if (files.contains("/run/.containerenv")) type = "podman";
        String role = type != null ? "guest" : null;
        if (type == null) {
            String d = dmi.toLowerCase(Locale.ROOT);
            if (d.contains("kvm") || d.contains("openstack") || d.contains("bochs")) type = "kvm";
            else if (d.contains("vmware")) type = "VMware";
            else if (d.contains("virtualbox")) type = "virtualbox";
            else if (d.contains("hvm domu") || files.contains("/proc/xen")) type = "xen";
            else if (d.contains("amazon ec2")) type = "kvm";
            else if (d.contains("microsoft")) type = "VirtualPC";
            else if (!hypervisorFlag.equals("0") && !hypervisorFlag.isEmpty()) type = "kvm";
            if (type != null) role = "guest";
        }
        out.put("virtualization_type", type == null ? "NA" : type);
        out.put("virtualization_role", role == null ? "NA" : role);
    }

    /** As Ansible: true only where /proc/sys/crypto/fips_enabled holds 1, false elsewhere (also without that file). */
    static void fips(String text, Map<String, Object> out) {
        out.put("fips", text.strip().equals("1"));
    }

    static void dns(String text, Map<String, Object> out) {
        Map<String, Object> dns = new LinkedHashMap<>();
        List<Object> servers = new ArrayList<>();
        for (String line : lines(text)) {
            String[] w = line.strip().split("\\s+");
            if (w.length < 2 || w[0].startsWith("#") || w[0].startsWith(";")) continue;
            switch (w[0]) {
                case "nameserver" -> servers.add(w[1]);
                case "domain" -> dns.put("domain", w[1]);
                case "search" -> dns.put("search", List.of(w).subList(1, w.length));
                case "sortlist" -> dns.put("sortlist", List.of(w).subList(1, w.length));
                case "options" -> {
                    Map<String, Object> opts = new LinkedHashMap<>();
                    for (int i = 1; i < w.length; i++) {
                        String[] kv = w[i].split(":", 2);
                        opts.put(kv[0], kv.length > 1 ? kv[1] : true);
                    }
                    dns.put("options", opts);
                }
                default -> { }
            }
        }
        if (!servers.isEmpty()) dns.put("nameservers", servers);
        out.put("dns", dns);
    }

    static Map<String, String> keyValues(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : lines(text)) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) continue;
            String v = line.substring(eq + 1).strip();
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            m.put(line.substring(0, eq).strip(), v);
        }
        return m;
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) if (!l.isBlank()) out.add(l.strip());
        return out;
    }

    private static String at(List<String> l, int i) {
        return i < l.size() ? l.get(i) : "";
    }

    private static Object toInt(String s) {
        return s.matches("\\d+") ? (Object) Integer.parseInt(s) : s;
    }
}
