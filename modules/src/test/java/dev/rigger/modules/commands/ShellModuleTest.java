package dev.rigger.modules.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Change;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellModuleTest {
    private final ModuleTester tester = ModuleTester.of(new ShellModule());

    @Test
    void executable_runsTheScriptWithThatShell_asLiteralArguments() {
        Change c = tester.plan(Map.of("cmd", "echo $((1+1)) | tr 2 x", "executable", "/bin/bash"), new ScriptedHost());
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("/bin/bash", "-c", "echo $((1+1)) | tr 2 x"));
    }

    @Test
    void executable_withChdir_passesFolderShellAndScriptAsArguments() {
        String dir = "/tmp/a b $(id)";
        Change c = tester.plan(Map.of("cmd", "pwd", "executable", "/bin/bash", "chdir", dir), new ScriptedHost());
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("/bin/sh", "-c", "cd -- \"$1\" && shift && exec \"$@\"", "sh", dir, "/bin/bash", "-c", "pwd"));
    }

    @Test
    void withoutExecutable_theScriptGoesToSh() {
        assertThat(tester.plan(Map.of("cmd", "true"), new ScriptedHost()).steps()).singleElement().isInstanceOf(Step.Shell.class);
        assertThat(tester.problems(Map.of("cmd", "true", "executable", "bash"))).isNotEmpty();
    }
}
