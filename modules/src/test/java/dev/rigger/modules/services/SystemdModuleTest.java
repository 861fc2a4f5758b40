package dev.rigger.modules.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SystemdModuleTest {
    private final ModuleTester t = ModuleTester.of(new SystemdModule());

    private static ScriptedHost unit(String load, String active, String fileState, String reload) {
        return new ScriptedHost().answer("systemctl show -- nginx", 0, "Id=nginx.service\nLoadState=" + load + "\nActiveState=" + active
                + "\nUnitFileState=" + fileState + "\nNeedDaemonReload=" + reload + "\n");
    }

    private static List<String> runs(Change c) {
        return c.steps().stream().map(s -> String.join(" ", ((Step.Run) s).argv())).toList();
    }

    /** State in (ActiveState, UnitFileState), asked (state, enabled, masked), commands out in Ansible's order. */
    @ParameterizedTest(name = "{0}/{1} want {2}/{3}/{4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        inactive   | disabled | started   | true  | -     | systemctl enable nginx;systemctl start nginx
        active     | enabled  | started   | true  | -     | -
        activating | enabled  | started   | -     | -     | -
        active     | enabled  | stopped   | false | -     | systemctl disable nginx;systemctl stop nginx
        inactive   | static   | -         | true  | -     | -
        inactive   | indirect | -         | true  | -     | systemctl enable nginx
        active     | enabled  | restarted | -     | -     | systemctl restart nginx
        inactive   | enabled  | reloaded  | -     | -     | systemctl start nginx
        inactive   | disabled | stopped   | -     | true  | systemctl mask nginx
        inactive   | masked   | -         | true  | false | systemctl unmask nginx;systemctl enable nginx
        inactive   | masked   | stopped   | -     | true  | -
        """)
    void table(String active, String fileState, String state, Boolean enabled, Boolean masked, String commands) {
        Map<String, Object> args = new java.util.HashMap<>(Map.of("name", "nginx"));
        if (state != null) args.put("state", state);
        if (enabled != null) args.put("enabled", enabled);
        if (masked != null) args.put("masked", masked);
        Change c = t.plan(args, unit(fileState.equals("masked") ? "masked" : "loaded", active, fileState, "no"));
        assertThat(runs(c)).isEqualTo(commands == null ? List.of() : List.of(commands.split(";")));
    }

    @Test
    void daemonReload_whenStaleOrBeforeChanges_andAlwaysWithoutName() {
        assertThat(runs(t.plan(Map.of("name", "nginx", "state", "started", "daemon_reload", true), unit("loaded", "active", "enabled", "yes"))))
                .containsExactly("systemctl daemon-reload");
        assertThat(t.plan(Map.of("name", "nginx", "state", "started", "daemon_reload", true), unit("loaded", "active", "enabled", "no")).isNone()).isTrue();
        assertThat(runs(t.plan(Map.of("name", "nginx", "state", "started", "daemon_reload", true), unit("loaded", "inactive", "enabled", "no"))))
                .containsExactly("systemctl daemon-reload", "systemctl start nginx");
        ScriptedHost none = new ScriptedHost();
        Change alone = t.plan(Map.of("daemon_reload", true), none);
        assertThat(runs(alone)).containsExactly("systemctl daemon-reload");
        assertThat(none.roundTrips()).isEmpty();
    }

    @Test
    void scopeAndNoBlock_goToEverySystemctl_andStatusIsRegistered() {
        ScriptedHost h = new ScriptedHost().answer("systemctl --user show -- nginx", 0, "LoadState=loaded\nActiveState=inactive\nUnitFileState=enabled\n");
        Change c = t.plan(Map.of("name", "nginx", "state", "started", "scope", "user", "no_block", true), h);
        assertThat(runs(c)).containsExactly("systemctl --user --no-block start nginx");
        assertThat(c.outputs()).containsEntry("name", "nginx").containsKey("status");
    }

    @Test
    void unknownUnit_failsAsAnsible_andOptionLikeNamesAreRefused() {
        assertThatThrownBy(() -> t.plan(Map.of("name", "nginx", "state", "started"), unit("not-found", "inactive", "", "no")))
                .isInstanceOf(ModuleException.class).hasMessageContaining("Could not find the requested service nginx");
        assertThatThrownBy(() -> t.plan(Map.of("name", "--now", "state", "started"), new ScriptedHost())).isInstanceOf(ModuleException.class);
        assertThat(t.problems(Map.of("state", "started"))).isNotEmpty();
    }
}
