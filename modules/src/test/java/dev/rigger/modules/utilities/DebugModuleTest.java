package dev.rigger.modules.utilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.ModuleException;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebugModuleTest {
    private final ModuleTester tester = ModuleTester.of(new DebugModule());

    @Test
    void msg_isRegisteredAsGiven_andNeitherMsgNorVar_isAnsiblesHelloWorld() {
        assertThat(tester.plan(Map.of("msg", false), new ScriptedHost()).outputs()).containsEntry("msg", false);
        assertThat(tester.plan(Map.of("msg", List.of(1L)), new ScriptedHost()).outputs()).containsEntry("msg", List.of(1L));
        assertThat(tester.plan(Map.of(), new ScriptedHost()).outputs()).containsEntry("msg", "Hello world!");
    }

    @Test
    void aNullMsg_isRefusedClearly() {
        Map<String, Object> p = new HashMap<>();
        p.put("msg", null);
        assertThatThrownBy(() -> tester.plan(p, new ScriptedHost())).isInstanceOf(ModuleException.class).hasMessageContaining("msg is None");
    }
}
