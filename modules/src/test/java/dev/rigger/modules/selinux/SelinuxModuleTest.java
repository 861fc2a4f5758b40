package dev.rigger.modules.selinux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scripted hosts with recorded real answers: CentOS 7's /etc/selinux/config as the
 * selinux-policy package ships it; selinuxfs's enforce file ("1"/"0", what libselinux's
 * security_getenforce and getenforce read); grubby --info=ALL as in Red Hat's RHEL 8 "Managing,
 * monitoring and updating the kernel" guide (chapter "Configuring kernel command-line
 * parameters"). Expected config files are what Ansible's own set_config_state wrote for them.
 */
class SelinuxModuleTest {
    static final String CENTOS_CONFIG = """
            # This file controls the state of SELinux on the system.
            # SELINUX= can take one of these three values:
            #     enforcing - SELinux security policy is enforced.
            #     permissive - SELinux prints warnings instead of enforcing.
            #     disabled - No SELinux policy is loaded.
            SELINUX=enforcing
            # SELINUXTYPE= can take one of three values:
            #     targeted - Targeted processes are protected,
            #     minimum - Modification of targeted policy. Only selected processes are protected.\040
            #     mls - Multi Level Security protection.
            SELINUXTYPE=targeted\040


            """;
    private static final String CONFIG = "/etc/selinux/config";
    private static final String GRUBBY = """
            index=0
            kernel="/boot/vmlinuz-4.18.0-80.el8.x86_64"
            args="ro crashkernel=auto resume=/dev/mapper/rhel-swap rd.lvm.lv=rhel/root rd.lvm.lv=rhel/swap rhgb quiet $tuned_params"
            root="/dev/mapper/rhel-root"
            initrd="/boot/initramfs-4.18.0-80.el8.x86_64.img $tuned_initrd"
            title="Red Hat Enterprise Linux (4.18.0-80.el8.x86_64) 8.0 (Ootpa)"
            id="ce6d4c6d1c404b6e9d5a4e5e5e5e5e5e-4.18.0-80.el8.x86_64"
            """;
    private final ModuleTester tester = ModuleTester.of(new SelinuxModule());

    private static ScriptedHost host(String enforce) {
        ScriptedHost h = new ScriptedHost().file(CONFIG, CENTOS_CONFIG, 0644).dir("/etc/selinux/targeted", 0755)
                .file("/etc/selinux/targeted/policy", "", 0644);
        if (enforce != null) h.file(SelinuxRuntime.ENFORCE, enforce + "\n", 0644);
        return h;
    }

    private static String written(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.WriteFile).map(s -> new String(((Step.WriteFile) s).content(), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

    private static List<List<String>> runs(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.Run).map(s -> ((Step.Run) s).argv()).toList();
    }

    @Test
    void disabled_onAHostWithoutSelinux_editsTheConfigAsAnsible_noRebootNeeded_thenNothing() {
        ScriptedHost h = host(null);
        Change c = tester.plan(Map.of("state", "disabled"), h);
        assertThat(written(c)).isEqualTo(CENTOS_CONFIG.replace("SELINUX=enforcing", "SELINUX=disabled"));
        assertThat(runs(c)).isEmpty();
        assertThat(c.outputs()).containsEntry("reboot_required", false).containsEntry("policy", "targeted")
                .containsEntry("msg", "Config SELinux state changed from 'enforcing' to 'disabled'");
        tester.assertIdempotent(Map.of("state", "disabled"), h);
    }

    @Test
    void enforcing_onAHostWithoutSelinux_needsAReboot() {
        ScriptedHost h = host(null).file(CONFIG, "SELINUX=disabled\nSELINUXTYPE=targeted\n", 0644);
        Change c = tester.plan(Map.of("state", "enforcing", "policy", "targeted"), h);
        assertThat(written(c)).isEqualTo("SELINUX=enforcing\nSELINUXTYPE=targeted\n");
        assertThat(c.outputs()).containsEntry("reboot_required", true);
        assertThat(runs(c)).isEmpty();
    }

    @Test
    void runningState_isSetWithSetenforce() {
        Change c = tester.plan(Map.of("state", "permissive", "policy", "targeted"), host("1"));
        assertThat(runs(c)).containsExactly(List.of("setenforce", "0"));
        assertThat(written(c)).contains("SELINUX=permissive\n");
        Change off = tester.plan(Map.of("state", "disabled"), host("1"));
        assertThat(runs(off)).containsExactly(List.of("setenforce", "0"));
        assertThat(off.outputs()).containsEntry("reboot_required", true);
        // already permissive: disabled only needs the config and a reboot
        assertThat(runs(tester.plan(Map.of("state", "disabled"), host("0")))).isEmpty();
        assertThat(tester.plan(Map.of("state", "enforcing", "policy", "targeted"), host("1")).isNone()).isTrue();
    }

    @Test
    void configWithoutTheLines_getsThemAppended() {
        ScriptedHost h = host(null).file(CONFIG, "# only a comment", 0644).dir("/etc/selinux/mls", 0755).file("/etc/selinux/mls/policy", "", 0644);
        assertThat(written(tester.plan(Map.of("state", "permissive", "policy", "mls"), h)))
                .isEqualTo("# only a comment\nSELINUXTYPE=mls\nSELINUX=permissive\n");
    }

    @Test
    void failures_asAnsible() {
        assertThatThrownBy(() -> tester.plan(Map.of("state", "disabled"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessageStartingWith("Unable to find file /etc/selinux/config");
        assertThatThrownBy(() -> tester.plan(Map.of("state", "enforcing"), host(null))).hasMessage("Policy is required if state is not 'disabled'");
        assertThatThrownBy(() -> tester.plan(Map.of("state", "enforcing", "policy", "mls"), host(null)))
                .hasMessage("Policy mls does not exist in /etc/selinux/");
        assertThatThrownBy(() -> tester.plan(Map.of("state", "enforcing", "policy", "../x"), host(null))).hasMessageContaining("policy must be");
        assertThatThrownBy(() -> tester.plan(Map.of("state", "disabled", "update_kernel_param", true), host(null)))
                .hasMessageContaining("'grubby' command not found on host");
    }

    @Test
    void kernelParameter_withGrubby() {
        ScriptedHost h = host(null).answer("grubby --info=ALL", 0, GRUBBY);
        Change c = tester.plan(Map.of("state", "disabled", "update_kernel_param", true), h);
        assertThat(runs(c)).containsExactly(List.of("grubby", "--update-kernel=ALL", "--args", "selinux=0"));
        assertThat((String) c.outputs().get("msg")).contains("Kernel SELinux state changed from 'enabled' to 'disabled'");
        ScriptedHost off = host(null).file(CONFIG, "SELINUX=disabled\n", 0644)
                .answer("grubby --info=ALL", 0, GRUBBY.replace("$tuned_params\"", "$tuned_params selinux=0\""));
        assertThat(tester.plan(Map.of("state", "disabled", "update_kernel_param", true), off).isNone()).isTrue();
    }

    @Test
    void registered_andFirstProbesDeclared() {
        tester.assertRegistered();
        ScriptedHost h = host(null);
        tester.plan(Map.of("state", "permissive", "policy", "targeted"), h);
        assertThat(h.roundTrips()).containsExactly(4);
        assertThat(h.asked()).isEqualTo(new SelinuxModule().firstProbes(tester.bind(Map.of("state", "permissive", "policy", "targeted"))));
    }
}
