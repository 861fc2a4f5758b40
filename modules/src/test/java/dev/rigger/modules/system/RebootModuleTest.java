package dev.rigger.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebootModuleTest {
    private final RebootModule m = new RebootModule();
    private final ModuleTester tester = ModuleTester.of(m);

    private static ScriptedHost host() {
        return new ScriptedHost().file("/usr/sbin/shutdown", "", 0755).file("/usr/sbin/reboot", "", 0755);
    }

    private static Step.Reboot step(Change c) {
        assertThat(c.steps()).hasSize(1);
        return (Step.Reboot) c.steps().get(0);
    }

    @Test
    void registered() {
        tester.assertRegistered();
        assertThat(m.aliases()).contains("ansible.builtin.reboot", "ansible.legacy.reboot");
    }

    @Test
    void defaults_shutdownFoundInTheSearchPaths_ansiblesCommandAndWaits_alwaysChanged() {
        ScriptedHost h = host();
        Change c = tester.plan(Map.of(), h);
        Step.Reboot r = step(c);
        assertThat(r.command()).containsExactly("/usr/sbin/shutdown", "-r", "0", "Reboot initiated by Ansible");
        assertThat(r.bootTimeCommand()).isEqualTo("cat /proc/sys/kernel/random/boot_id");
        assertThat(r.testCommand()).isEqualTo("whoami");
        assertThat(r.connectTimeout()).isNull();
        assertThat(r.rebootTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(r.postRebootDelay()).isZero();
        assertThat(c.kind()).isEqualTo(Change.Kind.CHANGE);
        assertThat(c.verifiable()).isFalse();
        assertThat(c.outputs()).containsEntry("rebooted", true).containsEntry("elapsed", 0);
        // one stat per search path, in one round trip, declared ahead
        assertThat(h.asked()).containsExactly(new Probe.Stat("/sbin/shutdown"), new Probe.Stat("/bin/shutdown"),
                new Probe.Stat("/usr/sbin/shutdown"), new Probe.Stat("/usr/bin/shutdown"), new Probe.Stat("/usr/local/sbin/shutdown"));
        tester.assertFirstProbesDeclared(tester.bind(Map.of()), h.asked());
    }

    @Test
    void delays_msg_timeouts_andTheirAliases() {
        Step.Reboot r = step(tester.plan(Map.of("pre_reboot_delay", 130, "post_reboot_delay", 3, "reboot_timeout_sec", 90,
                "connect_timeout_sec", 7, "msg", "it's \"$(reboot)\"; rm -rf /", "test_command", "uptime"), host()));
        // pre_reboot_delay in whole minutes, as Ansible gives it to shutdown; msg one literal word
        assertThat(r.command()).containsExactly("/usr/sbin/shutdown", "-r", "2", "it's \"$(reboot)\"; rm -rf /");
        assertThat(r.postRebootDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(r.rebootTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(r.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(r.testCommand()).isEqualTo("uptime");
        assertThat(step(tester.plan(Map.of("pre_reboot_delay", -5), host())).command()).contains("0");
    }

    @Test
    void rebootCommand_wordsAsGiven_programFoundOrTakenAsAbsolute() {
        ScriptedHost h = host();
        assertThat(step(tester.plan(Map.of("reboot_command", "reboot --force 'a b'"), h)).command())
                .containsExactly("/usr/sbin/reboot", "--force", "a b");
        ScriptedHost none = new ScriptedHost();
        assertThat(step(tester.plan(Map.of("reboot_command", "/opt/bin/my-reboot now", "msg", "ignored"), none)).command())
                .containsExactly("/opt/bin/my-reboot", "now");
        assertThat(none.asked()).isEmpty();
        assertThat(step(tester.plan(Map.of("search_paths", List.of("/opt/tools/")), new ScriptedHost().file("/opt/tools/shutdown", "", 0755)))
                .command().get(0)).isEqualTo("/opt/tools/shutdown");
    }

    @Test
    void notFound_orShellSyntax_orRelativeSearchPath_isRefusedWithWhatToDo() {
        assertThatThrownBy(() -> tester.plan(Map.of("reboot_command", "rd-nothing -r"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class)
                .hasMessage("Unable to find command \"rd-nothing\" in search paths: ['/sbin', '/bin', '/usr/sbin', '/usr/bin', '/usr/local/sbin']");
        assertThatThrownBy(() -> tester.plan(Map.of("reboot_command", "shutdown -r now; touch /x"), host()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("shell syntax").hasMessageContaining("give its path");
        assertThatThrownBy(() -> tester.plan(Map.of("search_paths", List.of("sbin")), host()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("absolute");
    }

    @Test
    void apply_onAScriptedHost_emptiesTmpAndRun_keepsTheDisk_registersRebootedAndElapsed() {
        ScriptedHost h = host().file("/tmp/marker", "x", 0644).file("/run/marker", "x", 0644).file("/root/marker", "y", 0644);
        ModuleTester.Converged done = tester.apply(Map.of(), h);
        assertThat(done.changed()).isTrue();
        assertThat(h.ran()).hasSize(1).first().isInstanceOf(Step.Reboot.class);
        assertThat(h.state("/tmp/marker").exists()).isFalse();
        assertThat(h.state("/run/marker").exists()).isFalse();
        assertThat(h.state("/root/marker").exists()).isTrue();
        assertThat(m.outputs(TestParams.of(m.spec()), done.applied())).containsEntry("rebooted", true).containsEntry("elapsed", 0);
        Step.Reboot r = step(done.planned());
        assertThat(m.outputs(TestParams.of(m.spec()), List.of(new StepResult(r, 0, "42", "")))).containsEntry("elapsed", 42);
    }

    @Test
    void failingRebootCommand_onAScriptedHost_saysSoAsAnsible() {
        ScriptedHost h = host().answer("/usr/sbin/shutdown -r 0 Reboot initiated by Ansible", 1, "");
        StepResult r = h.run(step(tester.plan(Map.of(), h)));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("Reboot command failed. Error was:");
    }
}
