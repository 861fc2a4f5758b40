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

    /** systemctl answers and knows the unit; {@code active}/{@code enabled} are its ActiveState/UnitFileState. */
    private static ScriptedHost systemd(String name, String active, String enabled) {
        return systemd(name, "loaded", active, enabled, "no");
    }

    /** systemctl show's answer for the unit, as systemd prints it (a few of its properties, in its order). */
    private static ScriptedHost systemd(String name, String load, String active, String enabled, String stale) {
        return new ScriptedHost().answer("systemctl show -- " + name, 0, show(name, load, active, enabled, stale));
    }

    private static String show(String name, String load, String active, String enabled, String stale) {
        String id = name.contains(".") ? name : name + ".service";
        return "Type=simple\nId=" + id + "\nNames=" + id + "\nNeedDaemonReload=" + stale + "\nLoadState=" + load
                + "\nActiveState=" + active + "\nSubState=" + (active.equals("active") ? "running" : "dead")
                + "\nFragmentPath=/lib/systemd/system/" + id + "\nUnitFileState=" + enabled + "\n";
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
        assertThat(h.roundTrips()).containsExactly(5);
        assertThat(h.asked().stream().filter(a -> a instanceof dev.rigger.spi.Probe.Run r && r.argv().get(0).equals("systemctl"))
                .map(a -> String.join(" ", ((dev.rigger.spi.Probe.Run) a).argv()))).containsExactly("systemctl show -- nginx");
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
        ScriptedHost h = systemd("nginx", "masked", "inactive", "masked", "no");
        assertThatThrownBy(() -> m.plan(params("name", "nginx", "enabled", true), h)).hasMessageContaining("masked");
    }

    @Test
    void systemctlKnowsNotTheUnit_butInitScriptExists_usesSysvWithServiceAndUpdateRcd() {
        ScriptedHost h = sysv("kubelet", false, "/etc/rc2.d:\nS01ssh\n", "/usr/sbin/service\n/usr/sbin/update-rc.d\n")
                .answer("systemctl show -- kubelet", 0, show("kubelet", "not-found", "inactive", "", "no"));
        Change c = m.plan(params("name", "kubelet", "state", "started", "enabled", true), h);
        assertThat(runs(c)).containsExactly(List.of("update-rc.d", "kubelet", "defaults"), List.of("update-rc.d", "kubelet", "enable"),
                List.of("service", "kubelet", "start"));
        assertThat(c.outputs()).containsEntry("backend", "sysv");
    }

    @Test
    void systemctlThatCannotWork_fallsBackToSysv() {
        ScriptedHost h = sysv("nginx", true, "/etc/rc3.d:\nS01nginx\n", "/usr/sbin/service\n/usr/sbin/update-rc.d\n")
                .answer("systemctl show -- nginx", 1, "System has not been booted with systemd as init system (PID 1). Can't operate.\n");
        assertThat(m.plan(params("name", "nginx", "state", "started", "enabled", true), h).isNone()).isTrue();
        assertThat(runs(m.plan(params("name", "nginx", "state", "stopped", "enabled", false), h))).containsExactly(
                List.of("update-rc.d", "nginx", "disable"), List.of("service", "nginx", "stop"));
    }

    @Test
    void sleep_restartsAnInitScriptByStopSleepStart_asAnsible_butSystemdInOneCommand() {
        ScriptedHost h = sysv("nginx", true, "", "/usr/sbin/service\n").answer("systemctl show -- nginx", 0, show("nginx", "loaded", "active", "enabled", "no"));
        assertThat(runs(m.plan(params("name", "nginx", "state", "restarted", "use", "sysv", "sleep", 3), h))).containsExactly(
                List.of("service", "nginx", "stop"), List.of("sleep", "3"), List.of("service", "nginx", "start"));
        assertThat(runs(m.plan(params("name", "nginx", "state", "restarted", "sleep", 3), systemd("nginx", "active", "enabled"))))
                .containsExactly(List.of("systemctl", "restart", "nginx"));
    }

    @Test
    void useSysv_overridesAWorkingSystemd() {
        ScriptedHost h = sysv("nginx", false, "", "/usr/sbin/service\n").answer("systemctl show -- nginx", 0, show("nginx", "loaded", "inactive", "enabled", "no"));
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
        ScriptedHost h = new ScriptedHost().answer("systemctl show -- nope", 0, show("nope", "not-found", "inactive", "", "no"));
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
        ScriptedHost stale = systemd("nginx", "loaded", "active", "enabled", "yes");
        assertThat(runs(m.plan(params("name", "nginx", "state", "started", "daemon_reload", true), stale)))
                .containsExactly(List.of("systemctl", "daemon-reload"));
        ScriptedHost fresh = systemd("nginx", "inactive", "enabled");
        assertThat(runs(m.plan(params("name", "nginx", "state", "started", "daemon_reload", true), fresh)))
                .containsExactly(List.of("systemctl", "daemon-reload"), List.of("systemctl", "start", "nginx"));
        ScriptedHost converged = systemd("nginx", "active", "enabled");
        assertThat(m.plan(params("name", "nginx", "state", "started", "daemon_reload", true), converged).isNone()).isTrue();
        assertThat(converged.roundTrips()).containsExactly(5);
        // without daemon_reload a stale unit is not this task's business
        assertThat(m.plan(params("name", "nginx", "state", "started"), stale).isNone()).isTrue();
    }

    /**
     * A unit systemd made from an init script (CentOS 7's network, Debian's older daemons): systemd
     * calls it static (219) or generated; is-enabled asks chkconfig or update-rc.d, that is the
     * rc links, and so does this.
     */
    @ParameterizedTest
    @CsvSource({"static, /etc/rc.d/init.d/network, ''", "generated, /etc/init.d/network, /run/systemd/generator.late/network.service"})
    void unitGeneratedFromAnInitScript_isEnabledByItsRcLinks(String fileState, String source, String fragment) {
        String show = "Id=network.service\nLoadState=loaded\nActiveState=active\nUnitFileState=" + fileState
                + "\nSourcePath=" + source + "\nFragmentPath=" + fragment + "\n";
        ScriptedHost off = sysv("network", true, "/etc/rc.d/rc3.d:\nK90network\n", "/sbin/chkconfig\n").answer("systemctl show -- network", 0, show);
        Change c = m.plan(params("name", "network", "enabled", true), off);
        assertThat(runs(c)).containsExactly(List.of("systemctl", "enable", "network"));
        assertThat(c.diffs().get(0).before()).isEqualTo("disabled");
        ScriptedHost on = sysv("network", true, "/etc/rc.d/rc3.d:\nS10network\n", "/sbin/chkconfig\n").answer("systemctl show -- network", 0, show);
        assertThat(m.plan(params("name", "network", "enabled", true), on).isNone()).isTrue();
        assertThat(runs(m.plan(params("name", "network", "enabled", false), on))).containsExactly(List.of("systemctl", "disable", "network"));
    }

    /** An alias (sshd for ssh.service): is-enabled says alias, which is left alone either way. */
    @Test
    void alias_readsAsIsEnabledSaysIt() {
        ScriptedHost h = new ScriptedHost().answer("systemctl show -- sshd", 0,
                "Id=ssh.service\nNames=ssh.service sshd.service\nLoadState=loaded\nActiveState=active\nUnitFileState=disabled\n");
        assertThat(m.plan(params("name", "sshd", "enabled", true), h).isNone()).isTrue();
        assertThat(m.plan(params("name", "sshd", "enabled", false), h).isNone()).isTrue();
    }

    /** is-active exits 0 while a unit reloads: it is running. */
    @ParameterizedTest
    @ValueSource(strings = {"reloading", "refreshing"})
    void reloading_isRunning(String state) {
        assertThat(m.plan(params("name", "nginx", "state", "started"), systemd("nginx", state, "enabled")).isNone()).isTrue();
        assertThat(runs(m.plan(params("name", "nginx", "state", "stopped"), systemd("nginx", state, "enabled"))))
                .containsExactly(List.of("systemctl", "stop", "nginx"));
    }
}
