package dev.rigger.modules.services;

import java.util.Map;
import dev.rigger.testkit.ModuleTester;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceModuleTest {
    private static final String TOOLS = "(for tool in service update-rc.d chkconfig; do command -v \"$tool\"; done)";
    private static final String RC = "ls -1 /etc/rc[2-5].d /etc/rc.d/rc[2-5].d 2>/dev/null";
    private final ServiceModule m = new ServiceModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    /** systemctl answers and knows the unit; {@code active}/{@code enabled} are its is-active/is-enabled words. */
    private static ScriptedHost systemd(String name, String active, String enabled) {
        return new ScriptedHost().answer("systemctl show -p LoadState " + name, 0, "LoadState=loaded\n")
                .answer("systemctl is-active " + name, active.equals("active") ? 0 : 3, active + "\n")
                .answer("systemctl is-enabled " + name, enabled.startsWith("enabled") || enabled.equals("static") ? 0 : 1, enabled + "\n");
    }

    /** An init script only (systemctl missing); {@code links} is the rc directories' listing. */
    private static ScriptedHost sysv(String name, boolean running, String links, String tools) {
        return new ScriptedHost().file("/etc/init.d/" + name, "#!/bin/sh\n", 0755)
                .answer("/etc/init.d/" + name + " status", running ? 0 : 3, "")
                .answer(TOOLS, 0, tools).answer(RC, 0, links);
    }

    private static List<List<String>> runs(Change c) {
        return c.steps().stream().map(s -> ((Step.Run) s).argv()).toList();
    }

    /** systemd: state in (is-active, is-enabled), asked (state, enabled), commands out. */
    @ParameterizedTest(name = "{0}/{1} want {2}/{3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        inactive | disabled | started   | true  | systemctl enable nginx;systemctl start nginx
        active   | enabled  | started   | true  | -
        active   | enabled  | stopped   | -     | systemctl stop nginx
        inactive | enabled  | stopped   | false | systemctl disable nginx
        inactive | disabled | stopped   | false | -
        active   | static   | -         | false | -
        inactive | static   | -         | true  | -
        active   | enabled  | restarted | -     | systemctl restart nginx
        inactive | enabled  | restarted | -     | systemctl start nginx
        active   | enabled  | reloaded  | -     | systemctl reload nginx
        """)
    void systemd_table(String active, String enabled, String state, Boolean want, String commands) {
        Object[] kv = want == null ? new Object[]{"name", "nginx", "state", state} : state == null
                ? new Object[]{"name", "nginx", "enabled", want} : new Object[]{"name", "nginx", "state", state, "enabled", want};
        Change c = m.plan(params(kv), systemd("nginx", active, enabled));
        List<List<String>> expected = commands == null ? List.of()
                : java.util.Arrays.stream(commands.split(";")).map(s -> List.of(s.split(" "))).toList();
        assertThat(runs(c)).isEqualTo(expected);
    }

    @Test
    void started_asksEverythingInOneRoundTrip_andDiffsStateAndEnablement() {
        ScriptedHost h = systemd("nginx", "inactive", "disabled");
        Change c = m.plan(params("name", "nginx", "state", "started", "enabled", true), h);
        assertThat(h.roundTrips()).containsExactly(7);
        assertThat(c.diffs()).extracting(Diff::subject, Diff::before, Diff::after).containsExactly(
                org.assertj.core.groups.Tuple.tuple("service nginx enabled (systemd)", "disabled", "enabled"),
                org.assertj.core.groups.Tuple.tuple("service nginx state (systemd)", "stopped", "started"));
        assertThat(c.verifiable()).isTrue();
        assertThat(c.outputs()).containsEntry("backend", "systemd");
    }

    @Test
    void started_applied_isNone() {
        assertThat(m.plan(params("name", "nginx", "state", "started", "enabled", true), systemd("nginx", "active", "enabled")).isNone()).isTrue();
    }

    @Test
    void restartOrReload_ofRunningService_isUnverifiable_startOfStoppedOneIsNot() {
        assertThat(m.plan(params("name", "nginx", "state", "restarted"), systemd("nginx", "active", "enabled")).verifiable()).isFalse();
        assertThat(m.plan(params("name", "nginx", "state", "reloaded"), systemd("nginx", "active", "enabled")).verifiable()).isFalse();
        assertThat(m.plan(params("name", "nginx", "state", "restarted"), systemd("nginx", "inactive", "enabled")).verifiable()).isTrue();
    }

    @Test
    void masked_cannotBeEnabled() {
        ScriptedHost h = systemd("nginx", "inactive", "masked").answer("systemctl show -p LoadState nginx", 0, "LoadState=masked\n");
        assertThatThrownBy(() -> m.plan(params("name", "nginx", "enabled", true), h)).hasMessageContaining("masked");
    }

    @Test
    void systemctlKnowsNotTheUnit_butInitScriptExists_usesSysvWithServiceAndUpdateRcd() {
        ScriptedHost h = sysv("kubelet", false, "/etc/rc2.d:\nS01ssh\n", "/usr/sbin/service\n/usr/sbin/update-rc.d\n")
                .answer("systemctl show -p LoadState kubelet", 0, "LoadState=not-found\n");
        Change c = m.plan(params("name", "kubelet", "state", "started", "enabled", true), h);
        assertThat(runs(c)).containsExactly(List.of("update-rc.d", "kubelet", "defaults"), List.of("update-rc.d", "kubelet", "enable"),
                List.of("service", "kubelet", "start"));
        assertThat(c.outputs()).containsEntry("backend", "sysv");
    }

    @Test
    void systemctlThatCannotWork_fallsBackToSysv() {
        ScriptedHost h = sysv("nginx", true, "/etc/rc3.d:\nS01nginx\n", "/usr/sbin/service\n/usr/sbin/update-rc.d\n")
                .answer("systemctl show -p LoadState nginx", 1, "System has not been booted with systemd as init system (PID 1). Can't operate.\n");
        assertThat(m.plan(params("name", "nginx", "state", "started", "enabled", true), h).isNone()).isTrue();
        assertThat(runs(m.plan(params("name", "nginx", "state", "stopped", "enabled", false), h))).containsExactly(
                List.of("update-rc.d", "nginx", "disable"), List.of("service", "nginx", "stop"));
    }

    @Test
    void useSysv_overridesAWorkingSystemd() {
        ScriptedHost h = sysv("nginx", false, "", "/usr/sbin/service\n").answer("systemctl show -p LoadState nginx", 0, "LoadState=loaded\n");
        assertThat(runs(m.plan(params("name", "nginx", "state", "started", "use", "sysv"), h))).containsExactly(List.of("service", "nginx", "start"));
    }

    @Test
    void redHatSysv_withoutService_usesTheScriptAndChkconfig() {
        ScriptedHost h = sysv("docker", false, "/etc/rc.d/rc3.d:\nK50docker\n", "/sbin/chkconfig\n");
        assertThat(runs(m.plan(params("name", "docker", "state", "started", "enabled", true), h))).containsExactly(
                List.of("chkconfig", "--add", "docker"), List.of("chkconfig", "docker", "on"), List.of("/etc/init.d/docker", "start"));
    }

    @Test
    void sysvEnable_withoutAnyLinkTool_failsClearly() {
        ScriptedHost h = sysv("docker", false, "", "");
        assertThatThrownBy(() -> m.plan(params("name", "docker", "enabled", true), h)).hasMessageContaining("neither update-rc.d nor chkconfig");
    }

    @Test
    void unknownService_failsNamingWhatWasTried() {
        ScriptedHost h = new ScriptedHost().answer("systemctl show -p LoadState nope", 0, "LoadState=not-found\n");
        assertThatThrownBy(() -> m.plan(params("name", "nope", "state", "started"), h))
                .hasMessageContaining("there is no service nope").hasMessageContaining("LoadState=not-found");
        assertThatThrownBy(() -> m.plan(params("name", "nope", "state", "started", "use", "systemd"), h))
                .hasMessageContaining("systemd cannot manage nope");
    }

    @Test
    void neitherStateNorEnabled_isRefusedByTheSpec() {
        assertThat(ModuleTester.of(m).problems(Map.of("name", "nginx"))).containsExactly("module 'service' needs one of: state, enabled, daemon_reload");
        assertThat(ModuleTester.of(m).problems(Map.of("name", "nginx", "enabled", true))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx; touch /tmp/canary", "../../bin/sh", "-x", ".hidden", "a b", "nginx\n", "$(id)", "`id`", "a'b", "ngïnx"})
    void hostileNames_areRejectedBeforeAnyProbe(String name) {
        ScriptedHost h = systemd("nginx", "active", "enabled");
        assertThatThrownBy(() -> m.plan(params("name", name, "state", "started"), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("invalid service name");
        assertThat(h.asked()).isEmpty();
    }

    @Test
    void templatedUnitNames_areAccepted() {
        ScriptedHost h = systemd("getty@tty1.service", "inactive", "enabled");
        assertThat(runs(m.plan(params("name", "getty@tty1.service", "state", "started"), h)))
                .containsExactly(List.of("systemctl", "start", "getty@tty1.service"));
    }

    @Test
    void daemonReload_onlyWithOtherChangesOrAStaleUnit() {
        ScriptedHost stale = systemd("nginx", "active", "enabled").answer("systemctl show -p NeedDaemonReload nginx", 0, "NeedDaemonReload=yes\n");
        assertThat(runs(m.plan(params("name", "nginx", "state", "started", "daemon_reload", true), stale)))
                .containsExactly(List.of("systemctl", "daemon-reload"));
        ScriptedHost fresh = systemd("nginx", "inactive", "enabled").answer("systemctl show -p NeedDaemonReload nginx", 0, "NeedDaemonReload=no\n");
        assertThat(runs(m.plan(params("name", "nginx", "state", "started", "daemon_reload", true), fresh)))
                .containsExactly(List.of("systemctl", "daemon-reload"), List.of("systemctl", "start", "nginx"));
        ScriptedHost converged = systemd("nginx", "active", "enabled").answer("systemctl show -p NeedDaemonReload nginx", 0, "NeedDaemonReload=no\n");
        assertThat(m.plan(params("name", "nginx", "state", "started", "daemon_reload", true), converged).isNone()).isTrue();
        assertThat(converged.roundTrips()).containsExactly(8);
    }
}
