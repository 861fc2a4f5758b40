package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.compile.CompileOptions;
import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.compile.Compiler;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.load.PlaybookLoader;
import dev.rigger.engine.module.ModuleRegistry;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.RunListener;
import dev.rigger.engine.report.RunResult;
import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.ExecResult;
import dev.rigger.engine.transport.LocalConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host's session is closed when its walk ends, not when the whole run does: with
 * {@code --forks F} at most F sessions are open at once, however many hosts the run has (the
 * 50-host lab test saw all 50 open under --forks 20).
 */
class SessionLifetimeTest {
    @TempDir
    Path dir;

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    /** The local transport, counting the sessions open at once. */
    private final class Counted implements Connection {
        private final LocalConnection local = new LocalConnection();

        Counted() {
            peak.accumulateAndGet(open.incrementAndGet(), Math::max);
        }

        @Override
        public ExecResult exec(String command, byte[] stdin, Duration timeout) {
            return local.exec(command, stdin, timeout);
        }

        @Override
        public void close() {
            open.decrementAndGet();
            local.close();
        }
    }

    @Test
    void sixHosts_forksTwo_atMostTwoSessionsOpen_allClosedAtTheEnd() throws Exception {
        StringBuilder inv = new StringBuilder("[all]\n");
        for (int i = 1; i <= 6; i++) inv.append("h").append(i).append(" ansible_connection=local\n");
        Files.writeString(dir.resolve("inv.ini"), inv.toString());
        Files.writeString(dir.resolve("pb.yml"), """
                - hosts: all
                  tasks:
                    - echo: {path: "DIR/{{ inventory_hostname }}.a", value: one}
                    - echo: {path: "DIR/{{ inventory_hostname }}.b", value: two}
                """.replace("DIR", dir.toString()));
        Diagnostics d = new Diagnostics();
        CompiledRun run = new Compiler(ModuleRegistry.of(new LocalRunTest.EchoModule())).compile(
                List.of(new PlaybookLoader().load(dir.resolve("pb.yml"), d).orElseThrow()), Inventory.load(dir.resolve("inv.ini"), d),
                new CompileOptions(Map.of(), null, Set.of(), Set.of()), d).orElseThrow(() -> new AssertionError(d));
        RunOptions forksTwo = new RunOptions(false, 2, Duration.ofMinutes(1), Duration.ofSeconds(10), null, false, 0);

        RunResult r = new Executor(h -> new Counted(), new Masker()).run(run, forksTwo, new RunListener() { });

        assertThat(r.exitCode()).isZero();
        assertThat(r.changedCount()).isEqualTo(12);
        assertThat(peak.get()).as("sessions open at once").isLessThanOrEqualTo(2);
        assertThat(open.get()).as("sessions left open").isZero();
    }
}
