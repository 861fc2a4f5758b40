package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * file, copy and template with seuser/serole/setype/selevel: ignored where SELinux is disabled
 * (the plan is the one without them, as Ansible's selinux_enabled() false), refused where it runs.
 */
class SelinuxContextTest {
    @Test
    void disabled_theContextIsIgnored() {
        ModuleTester file = ModuleTester.of(new FileModule());
        ScriptedHost host = new ScriptedHost().dir("/etc/app", 0755);
        Change without = file.plan(Map.of("path", "/etc/app", "state", "directory", "mode", "0700"), host);
        Change with = file.plan(Map.of("path", "/etc/app", "state", "directory", "mode", "0700", "setype", "httpd_sys_content_t",
                "seuser", "system_u", "serole", "object_r", "selevel", "s0"), host);
        assertThat(with.diffs()).isEqualTo(without.diffs()).isNotEmpty();
        assertThat(with.steps()).isEqualTo(without.steps());
        ModuleTester copy = ModuleTester.of(new CopyModule());
        assertThat(copy.plan(Map.of("dest", "/etc/app/x", "content", "x\n", "setype", "etc_t"), host).isNone()).isFalse();
    }

    @Test
    void enabled_refusedSayingWhatToRun() {
        ScriptedHost host = new ScriptedHost().file("/sys/fs/selinux/enforce", "1", 0644).dir("/etc/app", 0755);
        assertThatThrownBy(() -> ModuleTester.of(new FileModule()).plan(Map.of("path", "/etc/app", "state", "directory", "setype", "etc_t"), host))
                .hasMessageContaining("setype: SELinux is enabled").hasMessageContaining("chcon");
        assertThatThrownBy(() -> ModuleTester.of(new CopyModule()).plan(Map.of("dest", "/etc/app/x", "content", "x", "selevel", "s0"), host))
                .hasMessageContaining("selevel: SELinux is enabled");
        // no context asked for: SELinux is not even read
        assertThat(ModuleTester.of(new FileModule()).plan(Map.of("path", "/etc/app", "state", "directory"), host).isNone()).isTrue();
    }
}
