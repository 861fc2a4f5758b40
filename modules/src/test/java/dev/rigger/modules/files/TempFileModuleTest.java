package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.exec.HostSession;
import dev.rigger.engine.transport.LocalConnection;
import dev.rigger.spi.Change;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFileModuleTest {
    private final TempFileModule m = new TempFileModule();
    private final ModuleTester tester = ModuleTester.of(m);

    @Test
    void file_isOneMktemp_withLiteralPrefixAndSuffix_alwaysChanged() {
        Change c = tester.plan(Map.of("prefix", "$(id) ", "suffix", ".conf", "path", "/var/tmp"), new ScriptedHost());
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class, r -> assertThat(r.argv())
                .containsExactly("mktemp", "--tmpdir=/var/tmp", "--suffix=.conf", "--", "$(id) XXXXXXXX"));
        assertThat(c.isNone()).isFalse();
    }

    @Test
    void directory_inTheDefaultFolder() {
        Change c = tester.plan(Map.of("state", "directory"), new ScriptedHost());
        assertThat(((Step.Run) c.steps().get(0)).argv()).containsExactly("mktemp", "-d", "--tmpdir", "--suffix=", "--", "ansible.XXXXXXXX");
    }

    @Test
    void registersThePath_ofWhatItMade(@TempDir Path tmp) throws Exception {
        List<StepResult> applied;
        try (HostSession host = new HostSession("local", new LocalConnection(), Map.of(), false, Duration.ofMinutes(1))) {
            applied = tester.plan(Map.of("path", tmp.toString(), "suffix", "x"), new ScriptedHost()).steps().stream().map(host::run).toList();
        }
        assertThat(applied).allSatisfy(r -> assertThat(r.ok()).as(r.stderr()).isTrue());
        Path made = Path.of((String) m.outputs(tester.bind(Map.of()), applied).get("path"));
        assertThat(made.getParent()).isEqualTo(tmp);
        assertThat(made.getFileName().toString()).startsWith("ansible.").endsWith("x").hasSize("ansible.".length() + 9);
        assertThat(Files.isRegularFile(made)).isTrue();
    }
}
