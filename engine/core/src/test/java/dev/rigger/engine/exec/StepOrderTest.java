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
import dev.rigger.engine.report.TaskResult;
import dev.rigger.engine.transport.LocalConnection;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --step asks about a task once every host is through the task before it, as ansible-playbook's
 * linear strategy does: a host still running that task printed its result into the question.
 */
class StepOrderTest {
    @TempDir
    Path dir;

    /** Plans nothing to change after {@code ms} milliseconds. */
    static final class NapModule implements Module {
        @Override public String name() { return "nap"; }
        @Override public String summary() { return "test"; }
        @Override public ParamSpec spec() { return ParamSpec.builder().add(Param.string("ms").required()).build(); }
        @Override public Change plan(Params p, Host h) {
            try {
                Thread.sleep(Long.parseLong(p.string("ms")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Change.none(Map.of());
        }
    }

    @Test
    void theQuestionAboutATask_comesAfterEveryHostsResultOfTheTaskBefore() throws Exception {
        Path inv = Files.writeString(dir.resolve("inv.ini"), "h1 ansible_connection=local\nh2 ansible_connection=local\n");
        Path pb = Files.writeString(dir.resolve("pb.yml"), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: one
                      nap: {ms: "{{ 400 if inventory_hostname == 'h1' else 0 }}"}
                    - name: two
                      nap: {ms: "0"}
                """);
        Diagnostics d = new Diagnostics();
        var book = new PlaybookLoader().load(pb, d).orElseThrow();
        CompiledRun run = new Compiler(ModuleRegistry.of(new NapModule())).compile(List.of(book), Inventory.load(inv, d),
                CompileOptions.defaults(), d).orElseThrow(() -> new AssertionError(d));
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        StepQuestions step = new StepQuestions(q -> {
            events.add("asked " + q.substring("Perform task: TASK: ".length(), q.indexOf(" (N)")));
            return "y";
        });
        RunListener l = new RunListener() {
            @Override public void taskFinished(TaskResult r) {
                events.add(r.host() + " " + r.task());
            }
        };
        new Executor(h -> new LocalConnection(), new Masker()).run(run, RunOptions.defaults().withStep(step), l);
        assertThat(events).containsSubsequence("asked one", "h1 one", "asked two")
                .containsSubsequence("asked one", "h2 one", "asked two");
        assertThat(events.indexOf("asked two")).isGreaterThan(events.indexOf("h1 one")).isGreaterThan(events.indexOf("h2 one"));
    }
}
