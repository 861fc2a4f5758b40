package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rigger.engine.transport.LocalConnection;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * become with a password: never on the command line, and never reaching the command's input,
 * whether sudo reads it or not. Here sudo runs as root, which it never asks for a password (as
 * a NOPASSWD rule): the harder case, where the password line is left on stdin. The case where
 * sudo asks is {@code SecretsLabTest}'s, with a real user.
 */
class SudoPasswordTest {
    private static final String PW = "pw-on-stdin-only";
    @TempDir
    Path dir;

    @Test
    void wrap_withAPassword_readsItFromStdin_neverFromTheCommandLine() {
        HostSession s = new HostSession("h", new LocalConnection(), Map.of(), false, Duration.ofSeconds(9)).with(true, PW, Duration.ofSeconds(9));
        String marker = SudoPassword.marker();
        String cmd = s.wrap("id -u", marker);
        assertThat(cmd).startsWith("timeout -k 5 9 /bin/sh -c 'sudo -S -p '\\'''\\'' -H -u root -- /bin/sh -c ").doesNotContain(PW).contains(marker);
        assertThat(new String(SudoPassword.stdin(PW, marker, "data".getBytes()), StandardCharsets.UTF_8)).isEqualTo(PW + "\n" + marker + "\ndata");
        assertThat(SudoPassword.marker()).isNotEqualTo(marker).matches("rigger-become-[0-9a-f]{24}");
    }

    @Test
    void withoutAPassword_becomeStaysSudoN() {
        HostSession s = new HostSession("h", new LocalConnection(), Map.of(), true, Duration.ofSeconds(9)).with(true, null, Duration.ofSeconds(9));
        assertThat(s.wrap("id -u")).contains("sudo -n -H -u root");
    }

    @Test
    void passwordNotAskedBySudo_neverReachesTheCommandsInput() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")) && "root".equals(System.getProperty("user.name")), "needs sudo, run as root");
        HostSession s = new HostSession("h", new LocalConnection(), Map.of(), false, Duration.ofSeconds(20)).with(true, PW, Duration.ofSeconds(20));
        var r = s.run(new Step.Run(List.of("cat"), "line one\nline two\n".getBytes()));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo("line one\nline two\n");
        Path f = dir.resolve("written");
        var w = s.run(Step.WriteFile.of(f.toString(), "content\n".getBytes(), null));
        assertThat(w.exitCode()).as(w.stderr()).isZero();
        assertThat(Files.readString(f)).isEqualTo("content\n");
    }
}
