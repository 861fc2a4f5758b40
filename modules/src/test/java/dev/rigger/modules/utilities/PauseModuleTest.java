package dev.rigger.modules.utilities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Change;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PauseModuleTest {
    private final ModuleTester tester = ModuleTester.of(new PauseModule());

    @Test
    void registered() {
        tester.assertRegistered();
    }

    @Test
    void seconds_waitsOnTheController_touchesNothing_andRegistersAsAnsible() {
        ScriptedHost h = new ScriptedHost();
        long before = System.nanoTime();
        Change c = tester.plan(Map.of("seconds", 1), h);
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(c.isNone()).isTrue();
        assertThat(h.asked()).isEmpty();
        assertThat(c.outputs()).containsEntry("delta", 1L).containsEntry("user_input", "").containsEntry("echo", true)
                .containsKeys("start", "stop").hasEntrySatisfying("stdout", s -> assertThat(s.toString()).startsWith("Paused for 1."));
    }

    @Test
    void zero_waitsOneSecond_asAnsible() {
        long before = System.nanoTime();
        tester.plan(Map.of("seconds", 0), new ScriptedHost());
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(1_000_000_000L);
    }

    @Test
    void prompt_orNoDuration_isRefusedAtLoad_sayingWhatToDo() {
        assertThat(tester.problems(Map.of("prompt", "Continue?", "seconds", 1))).singleElement().asString()
                .contains("prompt is refused").contains("unattended").contains("wait_for");
        assertThat(tester.problems(Map.of())).singleElement().asString().contains("seconds").contains("minutes");
        assertThat(tester.problems(Map.of("seconds", 1, "minutes", 1))).isNotEmpty();
    }
}
