package dev.rigger.modules.utilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaitForModuleTest {
    private static final String CONNECT = "timeout 5 bash -c exec 3<>\"/dev/tcp/$1/$2\" wait_for ";
    private final ModuleTester tester = ModuleTester.of(new WaitForModule());

    @Test
    void openPort_isReached_atTheFirstLook() {
        ScriptedHost h = new ScriptedHost().answer(CONNECT + "127.0.0.1 22", 0, "");
        Change c = tester.plan(Map.of("port", 22), h);
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).containsEntry("port", 22).containsEntry("state", "started").containsEntry("elapsed", 0L);
        assertThat(h.roundTrips()).containsExactly(1);
    }

    @Test
    void portThatStaysOpen_stopped_timesOutWithAnsiblesMessage() {
        ScriptedHost h = new ScriptedHost().answer(CONNECT + "127.0.10.9 22", 0, "");
        assertThatThrownBy(() -> tester.plan(Map.of("host", "127.0.10.9", "port", 22, "state", "stopped", "timeout", 0), h))
                .isInstanceOf(ModuleException.class).hasMessage("Timeout when waiting for 127.0.10.9:22 to stop.");
    }

    @Test
    void closedPort_stopped_isReached() {
        ScriptedHost h = new ScriptedHost().answer(CONNECT + "127.0.0.1 8080", 1, "");
        assertThat(tester.plan(Map.of("port", 8080, "state", "stopped"), h).isNone()).isTrue();
    }

    @Test
    void hostileHost_isOneArgument_neverScriptText() {
        ScriptedHost h = new ScriptedHost();
        assertThatThrownBy(() -> tester.plan(Map.of("host", "$(touch /x)`id`", "port", 1, "timeout", 0), h)).isInstanceOf(ModuleException.class);
        assertThat(h.asked()).singleElement().isInstanceOfSatisfying(Probe.Run.class, r -> assertThat(r.argv())
                .containsExactly("timeout", "5", "bash", "-c", "exec 3<>\"/dev/tcp/$1/$2\"", "wait_for", "$(touch /x)`id`", "1"));
    }

    @Test
    void file_withSearchRegex_registersTheGroups() {
        ScriptedHost h = new ScriptedHost().dir("/var/log", 0755).file("/var/log/app.log", "booting\napp started in 42 ms\n", 0644);
        Change c = tester.plan(Map.of("path", "/var/log/app.log", "search_regex", "^app started in (\\d+) ms$"), h);
        assertThat(c.outputs()).containsEntry("match_groups", List.of("42")).containsEntry("path", "/var/log/app.log")
                .containsEntry("state", "file").containsEntry("mode", "0644");
    }

    @Test
    void fileWithoutTheMatch_timesOut() {
        ScriptedHost h = new ScriptedHost().file("/var/log/app.log", "booting\n", 0644);
        assertThatThrownBy(() -> tester.plan(Map.of("path", "/var/log/app.log", "search_regex", "started", "timeout", 0), h))
                .isInstanceOf(ModuleException.class).hasMessage("Timeout when waiting for search string started in /var/log/app.log");
    }

    @Test
    void absent_fileStillThere_timesOut_withTheGivenMsg() {
        ScriptedHost h = new ScriptedHost().file("/run/app.lock", "", 0644);
        assertThatThrownBy(() -> tester.plan(Map.of("path", "/run/app.lock", "state", "absent", "timeout", 0), h))
                .isInstanceOf(ModuleException.class).hasMessage("Timeout when waiting for /run/app.lock to be absent.");
        assertThatThrownBy(() -> tester.plan(Map.of("path", "/run/app.lock", "state", "absent", "timeout", 0, "msg", "lock held"), h))
                .isInstanceOf(ModuleException.class).hasMessage("lock held");
        assertThat(tester.plan(Map.of("path", "/run/gone", "state", "absent"), h).isNone()).isTrue();
    }

    @Test
    void refusals() {
        assertThat(tester.problems(Map.of("port", 22, "path", "/x"))).isNotEmpty();
        assertThatThrownBy(() -> tester.plan(Map.of("port", 22, "state", "drained"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("drained is not supported");
        assertThatThrownBy(() -> tester.plan(Map.of("path", "/x", "state", "stopped"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessage("state=stopped should only be used for checking a port in the wait_for module");
        assertThatThrownBy(() -> tester.plan(Map.of("port", 22, "search_regex", "SSH"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("search_regex with port");
    }
}
