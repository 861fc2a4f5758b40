package dev.rigger.modules.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupModuleTest {
    private final ModuleTester t = ModuleTester.of(new GroupModule());

    private static ScriptedHost host(String entry) {
        return new ScriptedHost().answer("getent group -- app", entry == null ? 2 : 0, entry == null ? "" : entry + "\n");
    }

    private static List<List<String>> runs(Change c) {
        return c.steps().stream().map(s -> ((Step.Run) s).argv()).toList();
    }

    @Test
    void missing_isCreatedWithGivenGidAndSystemFlag() {
        Change c = t.plan(Map.of("name", "app", "gid", 2001, "system", true), host(null));
        assertThat(runs(c)).containsExactly(List.of("groupadd", "-g", "2001", "-r", "app"));
        assertThat(c.outputs()).containsEntry("gid", 2001).containsEntry("system", true);
    }

    @Test
    void present_sameGid_isNone_withItsGidRegistered() {
        ScriptedHost h = host("app:x:2001:bob");
        Change c = t.plan(Map.of("name", "app", "gid", 2001), h);
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).containsEntry("gid", 2001).containsEntry("state", "present");
        assertThat(h.roundTrips()).containsExactly(1);
        assertThat(t.plan(Map.of("name", "app"), host("app:x:2001:")).isNone()).isTrue();
    }

    @Test
    void otherGid_isChangedWithGroupmod() {
        assertThat(runs(t.plan(Map.of("name", "app", "gid", 2002, "non_unique", true), host("app:x:2001:"))))
                .containsExactly(List.of("groupmod", "-g", "2002", "-o", "app"));
    }

    @Test
    void absent_removesOnlyWhenPresent() {
        assertThat(runs(t.plan(Map.of("name", "app", "state", "absent", "force", true), host("app:x:2001:"))))
                .containsExactly(List.of("groupdel", "-f", "app"));
        assertThat(t.plan(Map.of("name", "app", "state", "absent"), host(null)).isNone()).isTrue();
    }

    @Test
    void optionLikeName_isRefused() {
        assertThatThrownBy(() -> t.plan(Map.of("name", "-r"), new ScriptedHost())).isInstanceOf(ModuleException.class).hasMessageContaining("invalid group name");
    }
}
