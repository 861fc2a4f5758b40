package dev.rigger.modules.utilities;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.ModuleException;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailModuleTest {
    private final ModuleTester tester = ModuleTester.of(new FailModule());

    @Test
    void fails_withTheMessage_orAnsiblesDefault() {
        assertThatThrownBy(() -> tester.plan(Map.of("msg", "EL8 only"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessage("EL8 only");
        assertThatThrownBy(() -> tester.plan(Map.of(), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessage("Failed as requested from task");
    }
}
