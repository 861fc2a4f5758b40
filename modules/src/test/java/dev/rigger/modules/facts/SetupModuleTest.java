package dev.rigger.modules.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Host output in, Ansible's facts out: each group's part of the one script, parsed as Ansible names and shapes it. */
class SetupModuleTest {
    private final ModuleTester tester = ModuleTester.of(new SetupModule());

    private static final String OS_RELEASE = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
            + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n\n@@@\n12.11\n\n@@@\n";
    private static final String IP = "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\"],\"mtu\":65536,"
            + "\"link_type\":\"loopback\",\"address\":\"00:00:00:00:00:00\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"127.0.0.1\","
            + "\"prefixlen\":8,\"scope\":\"host\"},{\"family\":\"inet\",\"local\":\"127.0.10.75\",\"prefixlen\":8,\"scope\":\"host\"}]},"
            + "{\"ifindex\":2,\"ifname\":\"eth0\",\"flags\":[\"BROADCAST\",\"UP\"],\"mtu\":1400,\"link_type\":\"ether\","
            + "\"address\":\"02:fc:00:00:00:01\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"192.0.2.2\",\"prefixlen\":24,"
            + "\"broadcast\":\"192.0.2.255\",\"scope\":\"global\"},{\"family\":\"inet6\",\"local\":\"fd00::2\",\"prefixlen\":64,"
            + "\"scope\":\"global\"}]}]\n@@@\n[{\"dst\":\"default\",\"gateway\":\"192.0.2.1\",\"dev\":\"eth0\"}]\n@@@\n"
            + "[{\"dst\":\"default\",\"gateway\":\"fd00::1\",\"dev\":\"eth0\"}]\n";

    private Map<String, Object> facts(ScriptedHost host, Object... args) {
        Change c = tester.plan(map(args), host);
        assertThat(c.isNone()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) c.outputs().get("ansible_facts");
        return facts;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static String answer(Map<FactGroup, String> parts) {
        StringBuilder s = new StringBuilder();
        parts.forEach((g, text) -> s.append("\n@@@@").append(g.name()).append('\n').append(text));
        return s.toString();
    }

    @Test
    void filter_readsOnlyTheGroupsOfTheNamesAsked_inOneRoundTrip() {
        String script = SetupModule.script(EnumSet.of(FactGroup.DISTRIBUTION));
        ScriptedHost host = new ScriptedHost().answer(script, 0, answer(Map.of(FactGroup.DISTRIBUTION, OS_RELEASE)));
        Map<String, Object> f = facts(host, "filter", List.of("ansible_os_family", "ansible_distribution*"));
        assertThat(f).containsEntry("ansible_os_family", "Debian").containsEntry("ansible_distribution", "Debian")
                .containsEntry("ansible_distribution_version", "12.11").containsEntry("ansible_distribution_major_version", "12")
                .containsEntry("ansible_distribution_release", "bookworm").doesNotContainKey("ansible_hostname");
        assertThat(host.roundTrips()).hasSize(1);
    }

    @Test
    void network_defaultRoutesAndAddresses_asAnsibleShapesThem() {
        String script = SetupModule.script(EnumSet.of(FactGroup.NETWORK));
        ScriptedHost host = new ScriptedHost().answer(script, 0, answer(Map.of(FactGroup.NETWORK, IP)));
        Map<String, Object> f = facts(host, "filter", List.of("ansible_default_ipv*", "ansible_all_ipv4_addresses", "ansible_interfaces"));
        assertThat(f.get("ansible_default_ipv4")).isEqualTo(new java.util.TreeMap<>(Map.ofEntries(Map.entry("address", "192.0.2.2"),
                Map.entry("alias", "eth0"), Map.entry("broadcast", "192.0.2.255"), Map.entry("gateway", "192.0.2.1"),
                Map.entry("interface", "eth0"), Map.entry("macaddress", "02:fc:00:00:00:01"), Map.entry("mtu", 1400),
                Map.entry("netmask", "255.255.255.0"), Map.entry("network", "192.0.2.0"), Map.entry("prefix", "24"),
                Map.entry("type", "ether"))));
        @SuppressWarnings("unchecked")
        Map<String, Object> v6 = (Map<String, Object>) f.get("ansible_default_ipv6");
        assertThat(v6).containsEntry("address", "fd00::2").containsEntry("gateway", "fd00::1").containsEntry("prefix", "64");
        assertThat(f.get("ansible_all_ipv4_addresses")).isEqualTo(List.of("192.0.2.2"));
        assertThat(f.get("ansible_interfaces")).isEqualTo(List.of("lo", "eth0"));
    }

    @Test
    void interfaces_carryWhatSysfsTells_andTheScriptIsDeclaredAsTheFirstProbe() {
        String script = SetupModule.script(EnumSet.of(FactGroup.NETWORK));
        String sysfs = "\n@@@\nlo\neth0\n@@@\nlo\t\t\t\neth0\tvirtio2\t-1\tvirtio_net\n";
        ScriptedHost host = new ScriptedHost().answer(script, 0, answer(Map.of(FactGroup.NETWORK, IP + sysfs)));
        Map<String, Object> f = facts(host, "filter", List.of("ansible_eth0", "ansible_lo"));
        assertThat(f.get("ansible_eth0")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("pciid", "virtio2").containsEntry("speed", -1).containsEntry("module", "virtio_net");
        assertThat(f.get("ansible_lo")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .doesNotContainKeys("pciid", "speed", "module").containsEntry("device", "lo");
        assertThat(new SetupModule().firstProbes(tester.bind(map("filter", List.of("ansible_eth0")))))
                .containsExactly(new dev.rigger.spi.Probe.Shell(script));
    }

    @Test
    void fips_isTrueOnlyWhereTheKernelSaysSo_andInTheMinSubset() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        SystemFacts.fips("1\n", out);
        assertThat(out).containsEntry("fips", true);
        SystemFacts.fips("", out);
        assertThat(out).containsEntry("fips", false);
        assertThat(FactGroup.MIN).contains(FactGroup.FIPS);
        assertThat(FactSelection.groups(List.of("all"), List.of("ansible_fips"))).containsExactly(FactGroup.FIPS);
    }

    @Test
    void subsets_leaveOutWhatIsNegated_andNothingIsAskedWhenNothingIsLeft() {
        assertThat(FactSelection.groups(List.of("!all", "!min"), List.of())).isEmpty();
        assertThat(FactSelection.groups(List.of("!all"), List.of())).isEqualTo(FactGroup.MIN);
        assertThat(FactSelection.groups(List.of("network", "!min"), List.of())).isEqualTo(Set.of(FactGroup.NETWORK));
        assertThat(FactSelection.groups(List.of("!all", "!min", "network"), List.of())).isEqualTo(Set.of(FactGroup.NETWORK));
        assertThat(FactSelection.groups(List.of("all", "!network"), List.of())).doesNotContain(FactGroup.NETWORK).contains(FactGroup.MOUNTS);
        ScriptedHost host = new ScriptedHost();
        assertThat(facts(host, "gather_subset", List.of("!all", "!min"))).isEmpty();
        assertThat(host.roundTrips()).isEmpty();
        assertThatThrownBy(() -> tester.plan(map("gather_subset", List.of("hardwire")), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("unknown subset 'hardwire'");
    }

    @Test
    void system_parsers_giveAnsiblesValues() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        SystemFacts.dateTime("1796280395.538337000\n+0000\nUTC\n", out);
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) out.get("date_time");
        assertThat(d).containsEntry("iso8601", "2026-12-03T06:46:35Z").containsEntry("iso8601_micro", "2026-12-03T06:46:35.538337Z")
                .containsEntry("weekday", "Thursday").containsEntry("weekday_number", "4").containsEntry("weeknumber", "48")
                .containsEntry("iso8601_basic", "20261203T064635538337");
        SystemFacts.serviceMgr("hostinit.sh\n@@@\n/lib/systemd/systemd\n@@@\n/etc/init.d\n/usr/bin/systemctl\n", out);
        assertThat(out).containsEntry("service_mgr", "systemd");
        SystemFacts.serviceMgr("hostinit.sh\n@@@\n\n@@@\n/etc/init.d\n", out);
        assertThat(out).containsEntry("service_mgr", "sysvinit");
        out.put("os_family", "Debian");
        SystemFacts.pkgMgr("/usr/bin/yum\n/usr/bin/dnf\n/usr/bin/apt-get\n", out);
        assertThat(out).containsEntry("pkg_mgr", "apt");
        out.putAll(Map.of("os_family", "RedHat", "distribution", "CentOS", "distribution_major_version", "7"));
        SystemFacts.pkgMgr("/usr/bin/yum\n", out);
        assertThat(out).containsEntry("pkg_mgr", "yum");
        SystemFacts.dns("# x\nnameserver 10.0.0.53\nsearch a.example b.example\noptions ndots:2 rotate\n", out);
        assertThat(out.get("dns")).isEqualTo(Map.of("nameservers", List.of("10.0.0.53"), "search", List.of("a.example", "b.example"),
                "options", Map.of("ndots", "2", "rotate", true)));
        HardwareFacts.parse("MemTotal: 24683520 kB\nMemFree: 21012480 kB\n@@@\nprocessor\t: 0\nphysical id\t: 0\nsiblings\t: 2\n"
                + "cpu cores\t: 2\nprocessor\t: 1\nphysical id\t: 0\nsiblings\t: 2\ncpu cores\t: 2\n@@@\n2\n", out);
        assertThat(out).containsEntry("memtotal_mb", 24105L).containsEntry("memfree_mb", 20520L)
                .containsEntry("processor_count", 1).containsEntry("processor_vcpus", 2).containsEntry("processor_nproc", 2);
    }
}
