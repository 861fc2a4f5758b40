package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.ExecResult;
import dev.rigger.engine.transport.LocalConnection;
import dev.rigger.engine.transport.TransportException;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The reboot step against a scripted host that goes down and comes back with a new boot id. */
class RebooterTest {
    private static final Step.Reboot REBOOT = new Step.Reboot(List.of("/sbin/shutdown", "-r", "0", "it's $(time)"),
            "cat /proc/sys/kernel/random/boot_id", "whoami", Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ZERO);

    /** One boot of the host: answers until the reboot command, then every command fails as a dead connection does. */
    private static final class Boot implements Connection {
        final String id;
        final List<String> commands;
        boolean down;
        boolean closed;

        Boot(String id, List<String> commands) {
            this.id = id;
            this.commands = commands;
        }

        @Override
        public ExecResult exec(String command, byte[] stdin, Duration timeout) {
            if (down || closed) throw new TransportException("connection lost", null);
            commands.add(command);
            if (command.contains("boot_id")) return ok(id + "\n");
            if (command.contains("shutdown")) {
                down = true;
                return ok("");
            }
            if (command.contains("whoami")) return ok("root\n");
            return new ExecResult(127, new byte[0], new byte[0]);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static ExecResult ok(String out) {
        return new ExecResult(0, out.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    @Test
    void reboot_runsTheCommandAsWords_logsInAnewUntilTheBootIdDiffers_thenTheTestCommand() {
        List<String> commands = new ArrayList<>();
        AtomicInteger logins = new AtomicInteger();
        Boot first = new Boot("aaaa", commands);
        // the first login after the command finds the host down, the second the old boot (not yet down), the third the new one
        HostSession s = new HostSession("h", first, () -> switch (logins.incrementAndGet()) {
            case 1 -> throw new TransportException("connection refused", null);
            case 2 -> new Boot("aaaa", commands);
            default -> new Boot("bbbb", commands);
        }, Map.of(), false, Duration.ofMinutes(1));
        StepResult r = s.run(REBOOT);
        assertThat(r.ok()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).matches("\\d+");
        assertThat(logins.get()).isEqualTo(3);
        assertThat(first.closed).isTrue();
        // the message is one quoted word: nothing in it reaches a shell as code
        assertThat(StepRunner.script(REBOOT)).isEqualTo(ShellQuote.join(REBOOT.command())).startsWith("/sbin/shutdown -r 0 '");
        assertThat(commands).anySatisfy(c -> assertThat(c).contains("/sbin/shutdown -r 0 "));
        assertThat(commands.get(commands.size() - 1)).contains("whoami");
        // later tasks use the new connection
        assertThat(s.run(Step.Run.of("cat", "/proc/sys/kernel/random/boot_id")).stdout()).isEqualTo("bbbb\n");
    }

    @Test
    void hostNeverComesBack_failsWithAnsiblesWords_afterTheTimeout() {
        Step.Reboot quick = new Step.Reboot(REBOOT.command(), REBOOT.bootTimeCommand(), REBOOT.testCommand(), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ZERO);
        HostSession s = new HostSession("h", new Boot("aaaa", new ArrayList<>()), () -> {
            throw new TransportException("connection refused", null);
        }, Map.of(), false, Duration.ofMinutes(1));
        StepResult r = s.run(quick);
        assertThat(r.ok()).isFalse();
        assertThat(r.stderr()).isEqualTo("Timed out waiting for last boot time check (timeout=2)");
    }

    @Test
    void failingRebootCommand_failsAndWaitsForNothing() {
        AtomicInteger logins = new AtomicInteger();
        Connection refuses = new Connection() {
            @Override
            public ExecResult exec(String command, byte[] stdin, Duration timeout) {
                return command.contains("shutdown") ? new ExecResult(1, new byte[0], "shutdown: Permission denied".getBytes(StandardCharsets.UTF_8))
                        : ok("aaaa\n");
            }

            @Override
            public void close() { }
        };
        HostSession s = new HostSession("h", refuses, () -> {
            logins.incrementAndGet();
            return refuses;
        }, Map.of(), false, Duration.ofMinutes(1));
        StepResult r = s.run(REBOOT);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Reboot command failed. Error was: ', shutdown: Permission denied'");
        assertThat(logins.get()).isZero();
    }

    @Test
    void localConnection_orOneThatCannotLogInAgain_isRefusedBeforeAnythingRuns() {
        StepResult local = new HostSession("localhost", new LocalConnection(), LocalConnection::new, Map.of(), false, Duration.ofMinutes(1))
                .run(REBOOT);
        assertThat(local.ok()).isFalse();
        assertThat(local.stderr()).contains("would reboot the control node");
        List<String> commands = new ArrayList<>();
        StepResult once = new HostSession("h", new Boot("aaaa", commands), Map.of(), false, Duration.ofMinutes(1)).run(REBOOT);
        assertThat(once.ok()).isFalse();
        assertThat(once.stderr()).contains("cannot log in again");
        assertThat(commands).isEmpty();
    }
}
