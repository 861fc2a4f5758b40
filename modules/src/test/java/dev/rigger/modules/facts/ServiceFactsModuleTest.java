package dev.rigger.modules.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The init systems' own listings in, service_facts' entries out, by Ansible 2.14's rules. */
class ServiceFactsModuleTest {
    private final ModuleTester tester = ModuleTester.of(new ServiceFactsModule());

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> services(String answer) {
        ScriptedHost host = new ScriptedHost().answer(ServiceFactsModule.SCRIPT, 0, answer);
        Change c = tester.plan(map(), host);
        assertThat(c.isNone()).isTrue();
        assertThat(host.roundTrips()).hasSize(1);
        return (Map<String, Object>) ((Map<String, Object>) c.outputs().get("ansible_facts")).get("services");
    }

    @Test
    void sysv_plusRunning_minusStopped_questionMarkLeftOut_noStatus() {
        var s = services("@@@@tools\nservice\ninit.d\nsystemctl\n@@@@sysv\n [ + ]  ssh\n [ - ]  nginx\n [ ? ]  hwclock.sh\n@@@@sysvrc\n0\n");
        assertThat(s).containsOnlyKeys("ssh", "nginx");
        assertThat(s.get("ssh")).isEqualTo(map("name", "ssh", "state", "running", "source", "sysv"));
        assertThat(s.get("nginx")).isEqualTo(map("name", "nginx", "state", "stopped", "source", "sysv"));
    }

    @Test
    void systemd_units_thenUnitFiles_badStatesKept_andShowForUnitsNotListed_overSysv() {
        String units = """
                  UNIT                      LOAD      ACTIVE   SUB     DESCRIPTION
                  cron.service              loaded    active   running Regular background program processing daemon
                ● exim.service              not-found inactive dead    exim.service
                  ssh.service               loaded    inactive dead    OpenBSD Secure Shell server
                ● bad.service               loaded    failed   failed  Bad
                """;
        String files = """
                UNIT FILE                 STATE           VENDOR PRESET
                cron.service              enabled         enabled
                ssh.service               disabled        enabled
                bad.service               enabled         enabled
                getty@.service            enabled         enabled
                rsync.service             disabled        enabled

                5 unit files listed.
                """;
        String show = "cron.service\t0\tActiveState=active\ngetty@.service\t1\t\nrsync.service\t0\tActiveState=inactive\n";
        var s = services("@@@@tools\nservice\ninit.d\npid1-systemd\nsystemctl\n@@@@sysv\n [ + ]  ssh\n@@@@sysvrc\n0\n@@@@units\n" + units
                + "@@@@unitsrc\n0\n@@@@files\n" + files + "@@@@filesrc\n0\n@@@@show\n" + show);
        assertThat(s.get("cron.service")).isEqualTo(map("name", "cron.service", "state", "running", "status", "enabled", "source", "systemd"));
        assertThat(s.get("exim.service")).isEqualTo(map("name", "exim.service", "state", "stopped", "status", "not-found", "source", "systemd"));
        assertThat(s.get("bad.service")).isEqualTo(map("name", "bad.service", "state", "stopped", "status", "failed", "source", "systemd"));
        assertThat(s.get("ssh.service")).isEqualTo(map("name", "ssh.service", "state", "stopped", "status", "disabled", "source", "systemd"));
        assertThat(s.get("getty@.service")).isEqualTo(map("name", "getty@.service", "state", "unknown", "status", "enabled", "source", "systemd"));
        assertThat(s.get("rsync.service")).isEqualTo(map("name", "rsync.service", "state", "inactive", "status", "disabled", "source", "systemd"));
        assertThat(s.get("ssh")).isEqualTo(map("name", "ssh", "state", "running", "source", "sysv"));
    }

    @Test
    void upstart_goalAndState() {
        var s = services("@@@@tools\ninitctl\n@@@@upstart\nrsyslog start/running, process 411\ntty1 stop/waiting\n@@@@upstartrc\n0\n");
        assertThat(s.get("rsyslog")).isEqualTo(map("name", "rsyslog", "state", "running", "goal", "start", "source", "upstart"));
        assertThat(s.get("tty1")).isEqualTo(map("name", "tty1", "state", "waiting", "goal", "stop", "source", "upstart"));
    }

    @Test
    void noServicesAtAll_skippedWithAnsiblesMessage_andNoFacts() {
        ScriptedHost host = new ScriptedHost().answer(ServiceFactsModule.SCRIPT, 0, "@@@@tools\nservice\n@@@@sysv\n@@@@sysvrc\n4\n");
        Change c = tester.plan(map(), host);
        assertThat(c.outputs()).containsEntry("skipped", true).doesNotContainKey("ansible_facts");
        assertThat((String) c.outputs().get("msg")).startsWith("Failed to find any services.");
    }

    @Test
    void chkconfigAndOpenrc_refusedClearly() {
        ScriptedHost rh = new ScriptedHost().answer(ServiceFactsModule.SCRIPT, 0, "@@@@tools\nservice\nchkconfig\n");
        assertThatThrownBy(() -> tester.plan(map(), rh)).isInstanceOf(ModuleException.class).hasMessageContaining("chkconfig");
        ScriptedHost openrc = new ScriptedHost().answer(ServiceFactsModule.SCRIPT, 0, "@@@@tools\nrc-status\nrc-update\n");
        assertThatThrownBy(() -> tester.plan(map(), openrc)).isInstanceOf(ModuleException.class).hasMessageContaining("OpenRC");
    }

    @Test
    void registeredByItsNames_andTheProbeDeclaredAhead() {
        tester.assertRegistered();
        assertThat(new ServiceFactsModule().firstProbes(tester.bind(map()))).hasSize(1);
    }
}
