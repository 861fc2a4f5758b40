package dev.rigger.modules.selinux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** seport: Ansible's refusal where SELinux is disabled; where it runs, a refusal naming the semanage command. */
class SeportModuleTest {
    private final ModuleTester tester = ModuleTester.of(new SeportModule());

    @Test
    void disabledSelinux_failsWithAnsiblesMessage() {
        assertThatThrownBy(() -> tester.plan(Map.of("ports", "8888", "proto", "tcp", "setype", "http_port_t"), new ScriptedHost()))
                .hasMessage("SELinux is disabled on this host.");
    }

    @Test
    void enabledOrIgnored_refusedSayingWhatToRun() {
        ScriptedHost enforcing = new ScriptedHost().file(SelinuxRuntime.ENFORCE, "1", 0644);
        assertThatThrownBy(() -> tester.plan(Map.of("ports", "10000-10100,10112", "proto", "tcp", "setype", "memcache_port_t"), enforcing))
                .hasMessageContaining("semanage port -a -t memcache_port_t -p tcp 10000-10100,10112").hasMessageContaining("enabled");
        assertThatThrownBy(() -> tester.plan(Map.of("ports", List.of("53"), "proto", "udp", "setype", "dns_port_t", "state", "absent",
                "ignore_selinux_state", true), new ScriptedHost()))
                .hasMessageContaining("semanage port -d -t dns_port_t -p udp 53").hasMessageContaining("disabled");
    }

    @Test
    void hostileValues_refusedBeforeTheHost() {
        assertThatThrownBy(() -> tester.plan(Map.of("ports", "80;id", "proto", "tcp", "setype", "http_port_t"), new ScriptedHost()))
                .hasMessageContaining("a port is a number or a range");
        assertThatThrownBy(() -> tester.plan(Map.of("ports", "80", "proto", "tcp", "setype", "x $(id)"), new ScriptedHost()))
                .hasMessageContaining("letters, digits and '_'");
        assertThatThrownBy(() -> tester.plan(Map.of("ports", "80", "proto", "sctp", "setype", "x"), new ScriptedHost()))
                .hasMessageContaining("must be one of");
    }

    @Test
    void names() {
        assertThat(new SeportModule().aliases()).contains("community.general.seport", "ansible.builtin.seport");
    }
}
