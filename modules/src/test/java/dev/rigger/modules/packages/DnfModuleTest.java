package dev.rigger.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnfModuleTest {
    private static ScriptedHost host() {
        return new ScriptedHost().answer("rpm -qa --qf " + Dnf.RPM_FORMAT, 0, "kubelet 0 1.16.2 0 x86_64\n").answer("uname -m", 0, "x86_64\n")
                .answer("cat /etc/yum.repos.d/*.repo 2>/dev/null; true", 0, "").answer("command -v dnf || { command -v yum; command -v repoquery; }", 0, "/usr/bin/dnf\n");
    }

    @Test
    void dnf_isYumUnderAnsiblesDnfName_samePlanOnTheSameHost() {
        Map<String, Object> args = Map.of("name", List.of("kubelet-1.16.2"), "state", "absent");
        ScriptedHost viaDnf = host();
        ScriptedHost viaYum = host();
        var dnf = ModuleTester.of(new DnfModule()).plan(args, viaDnf);
        var yum = ModuleTester.of(new YumModule()).plan(args, viaYum);
        assertThat(dnf.steps()).isEqualTo(yum.steps()).isNotEmpty();
        assertThat(viaDnf.asked()).isEqualTo(viaYum.asked());
        assertThat(new DnfModule().aliases()).containsExactly("ansible.builtin.dnf");
        assertThat(new YumModule().aliases()).doesNotContain("dnf", "ansible.builtin.dnf");
    }
}
