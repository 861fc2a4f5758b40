package dev.rigger.modules.selinux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * getsebool's answers as Red Hat's RHEL 7 "SELinux User's and Administrator's Guide" (4.6
 * Booleans) records them ("cvs_read_shadow --> off", "daemons_dump_core --> on"), its pending
 * form ("NAME --> on pending: off", getsebool(8)), and selinuxfs's enforce file.
 */
class SebooleanModuleTest {
    private final ModuleTester tester = ModuleTester.of(new SebooleanModule());

    private static ScriptedHost enforcing() {
        return new ScriptedHost().file(SelinuxRuntime.ENFORCE, "1", 0644)
                .answer("getsebool cvs_read_shadow", 0, "cvs_read_shadow --> off\n")
                .answer("getsebool daemons_dump_core", 0, "daemons_dump_core --> on\n")
                .answer("getsebool httpd_can_network_connect", 0, "httpd_can_network_connect --> off pending: on\n")
                .answer("getsebool nope", 1, "");
    }

    @Test
    void setsAValueThatDiffers_withDashPWhenPersistent() {
        Change c = tester.plan(Map.of("name", "cvs_read_shadow", "state", true), enforcing());
        assertThat(c.steps()).containsExactly(Step.Run.of("setsebool", "cvs_read_shadow", "on"));
        assertThat(c.outputs()).containsEntry("name", "cvs_read_shadow").containsEntry("state", true).containsEntry("persistent", false);
        Change p = tester.plan(Map.of("name", "daemons_dump_core", "state", false, "persistent", true), enforcing());
        assertThat(p.steps()).containsExactly(Step.Run.of("setsebool", "-P", "daemons_dump_core", "off"));
        assertThat(tester.plan(Map.of("name", "daemons_dump_core", "state", true), enforcing()).isNone()).isTrue();
        // the active value counts, not the pending one
        assertThat(tester.plan(Map.of("name", "httpd_can_network_connect", "state", false), enforcing()).isNone()).isTrue();
    }

    @Test
    void failures_asAnsible_andWhereTheToolIsMissing() {
        ScriptedHost noSelinux = new ScriptedHost().answer("getsebool cvs_read_shadow", 1, "");
        assertThatThrownBy(() -> tester.plan(Map.of("name", "cvs_read_shadow", "state", true), noSelinux))
                .hasMessage("SELinux is disabled on this host.");
        assertThatThrownBy(() -> tester.plan(Map.of("name", "nope", "state", true), enforcing()))
                .hasMessage("SELinux boolean nope does not exist.");
        ScriptedHost noTool = new ScriptedHost().file(SelinuxRuntime.ENFORCE, "1", 0644);
        assertThatThrownBy(() -> tester.plan(Map.of("name", "cvs_read_shadow", "state", true), noTool))
                .hasMessageContaining("getsebool is not on scripted");
        assertThatThrownBy(() -> tester.plan(Map.of("name", "a;b", "state", true), enforcing())).hasMessageContaining("letters, digits and '_'");
    }

    @Test
    void registered() {
        tester.assertRegistered();
        assertThat(new SebooleanModule().aliases()).contains("ansible.posix.seboolean");
    }
}
