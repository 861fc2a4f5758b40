package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlurpModuleTest {
    private final ModuleTester tester = ModuleTester.of(new SlurpModule());

    @Test
    void content_isBase64_withSourceAndEncoding() {
        Change c = tester.plan(Map.of("src", "/etc/id"), new ScriptedHost().file("/etc/id", "abc\n", 0600));
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).containsEntry("content", "YWJjCg==").containsEntry("source", "/etc/id").containsEntry("encoding", "base64");
    }

    @Test
    void missingFile_fails_asAnsible() {
        assertThatThrownBy(() -> tester.plan(Map.of("path", "/nope"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessage("file not found: /nope");
    }
}
