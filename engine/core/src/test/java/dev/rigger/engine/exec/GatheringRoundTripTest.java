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
import dev.rigger.engine.report.Status;
import dev.rigger.engine.report.TaskResult;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gather_facts rides on the round trip that fetches the first tasks' probes ahead: a converged
 * run that reads facts (in a when, in an argument) makes as many round trips as one that reads
 * none; where the speculation before the facts were known was wrong, the task asks anew and the
 * result is still right.
 */
class GatheringRoundTripTest {
    @TempDir
    Path dir;

    private final AtomicInteger trips = new AtomicInteger();
    private final AtomicInteger gathered = new AtomicInteger();
    /** Released when host "fast" plans a task: host "slow" gathers only after that, or gives up after 10 s. */
    private final CountDownLatch fastPlanned = new CountDownLatch(1);
    private volatile boolean slowWaitedInVain;

    /** setup as one shell probe: the host's "os family" is the content of DIR/family. */
    private final class Setup implements Module {
        @Override public String name() { return "setup"; }
        @Override public String summary() { return "test"; }
        @Override public ParamSpec spec() {
            return ParamSpec.builder().add(Param.list("gather_subset")).add(Param.list("filter")).build();
        }
        private Probe probe() {
            return new Probe.Shell("cat " + dir.resolve("family"));
        }
        @Override public List<Probe> firstProbes(Params p) {
            return List.of(probe());
        }
        @Override public Change plan(Params p, Host h) {
            gathered.incrementAndGet();
            if (h.name().equals("bad")) throw new ModuleException("cannot read the facts");
            if (h.name().equals("slow")) {
                try {
                    slowWaitedInVain = !fastPlanned.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String family = h.probe(List.of(probe())).get(0).text().strip();
            return Change.none(Map.of("ansible_facts", Map.of("ansible_os_family", family)));
        }
    }

    /** Writes content to path. */
    private final class Put implements Module {
        @Override public String name() { return "put"; }
        @Override public String summary() { return "test"; }
        @Override public ParamSpec spec() {
            return ParamSpec.builder().add(Param.string("path").required()).add(Param.string("content").required()).build();
        }
        @Override public List<Probe> firstProbes(Params p) {
            return List.of(new Probe.Read(p.string("path")));
        }
        @Override public Change plan(Params p, Host h) {
            if (h.name().equals("fast")) fastPlanned.countDown();
            var cur = h.read(p.string("path"));
            if (cur.isPresent() && new String(cur.get()).equals(p.string("content"))) return Change.none();
            return Change.of(List.of(Diff.update(p.string("path"), null, p.string("content"))),
                    List.of(Step.WriteFile.of(p.string("path"), p.string("content").getBytes(), null)));
        }
    }

    private RunResult run(String play) throws Exception {
        RunResult r = run(play, "me");
        assertThat(r.tasks()).extracting(TaskResult::status).doesNotContain(Status.FAILED);
        return r;
    }

    private RunResult run(String play, String... hosts) throws Exception {
        Files.writeString(dir.resolve("inv.ini"), String.join(" ansible_connection=local\n", hosts) + " ansible_connection=local\n");
        Files.writeString(dir.resolve("pb.yml"), play.replace("DIR", dir.toString()));
        Diagnostics d = new Diagnostics();
        CompiledRun run = new Compiler(ModuleRegistry.of(new Setup(), new Put())).compile(
                List.of(new PlaybookLoader().load(dir.resolve("pb.yml"), d).orElseThrow()), Inventory.load(dir.resolve("inv.ini"), d),
                new CompileOptions(Map.of(), null, Set.of(), Set.of()), d).orElseThrow(() -> new AssertionError(d));
        trips.set(0);
        gathered.set(0);
        return new Executor(h -> new CountingConnection(trips), new Masker()).run(run, RunOptions.defaults(), new RunListener() { });
    }

    private static List<String> statuses(RunResult r) {
        return r.tasks().stream().map(t -> t.status().label()).toList();
    }

    @Test
    void factsReadInAWhenAndAnArgument_costNoRoundTripOfTheirOwn() throws Exception {
        Files.writeString(dir.resolve("family"), "Debian\n");
        String tasks = """
                    - put: {path: DIR/a, content: "a"}
                      when: FAMILY == 'Debian'
                    - put: {path: DIR/b, content: "family {{ FAMILY }}"}
                """;
        String on = "- hosts: all\n  tasks:\n" + tasks.replace("FAMILY", "ansible_os_family");
        String off = "- hosts: all\n  gather_facts: false\n  vars: {family: Debian}\n  tasks:\n" + tasks.replace("FAMILY", "family");
        assertThat(statuses(run(on))).containsExactly("changed", "changed");
        assertThat(Files.readString(dir.resolve("b"))).isEqualTo("family Debian");

        RunResult converged = run(on);
        assertThat(statuses(converged)).containsExactly("ok", "ok");
        assertThat(gathered).hasValue(1);
        int withFacts = trips.get();
        run(off);
        assertThat(withFacts).isEqualTo(trips.get()).isEqualTo(1);
    }

    @Test
    void whereTheSpeculationWasWrong_theTaskAsksAnew_andIsRight() throws Exception {
        Files.writeString(dir.resolve("family"), "RedHat\n");
        Files.writeString(dir.resolve("RedHat.conf"), "x");
        String play = """
                - hosts: all
                  tasks:
                    - put: {path: DIR/a, content: "a"}
                      when: ansible_os_family == 'Debian'
                    - put: {path: "DIR/{{ ansible_os_family }}.conf", content: "x"}
                """;
        RunResult r = run(play);
        assertThat(statuses(r)).containsExactly("skipped", "ok");
        assertThat(dir.resolve("a")).doesNotExist();
        // the facts with the first task's probe (which its when then skips), then the path only known with the facts
        assertThat(trips).hasValue(2);
    }

    @Test
    void aSlowHostsGathering_holdsBackNoOtherHostsTasks() throws Exception {
        Files.writeString(dir.resolve("family"), "Debian\n");
        String play = "- hosts: all\n  tasks:\n    - put: {path: \"DIR/{{ inventory_hostname }}\", content: \"{{ ansible_os_family }}\"}\n";
        RunResult r = run(play, "fast", "slow");
        assertThat(slowWaitedInVain).as("fast planned its task while slow was still gathering").isFalse();
        assertThat(statuses(r)).containsExactly("changed", "changed");
        assertThat(Files.readString(dir.resolve("slow"))).isEqualTo("Debian");
    }

    @Test
    void aTaskReadingAnotherHostsFacts_waitsForEveryHostsGathering() throws Exception {
        Files.writeString(dir.resolve("family"), "Debian\n");
        fastPlanned.countDown();   // nothing to wait for: gathering comes first on every host
        String play = "- hosts: fast\n  tasks:\n    - put: {path: DIR/seen, content: \"{{ hostvars['slow'].ansible_os_family }}\"}\n"
                + "- hosts: slow\n  tasks:\n    - put: {path: DIR/slow, content: \"{{ ansible_os_family }}\"}\n";
        RunResult r = run(play, "fast", "slow");
        assertThat(statuses(r)).containsExactly("changed", "changed");
        assertThat(Files.readString(dir.resolve("seen"))).isEqualTo("Debian");
    }

    @Test
    void aHostWhoseGatheringFails_failsAlone_asInAnsible() throws Exception {
        Files.writeString(dir.resolve("family"), "Debian\n");
        String play = "- hosts: all\n  tasks:\n    - put: {path: \"DIR/{{ inventory_hostname }}\", content: \"{{ ansible_os_family }}\"}\n";
        RunResult r = run(play, "fast", "bad");
        assertThat(r.tasks()).extracting(t -> t.host() + " " + t.task() + " " + t.status().label())
                .containsExactlyInAnyOrder("bad gather_facts failed", "fast put changed");
        assertThat(dir.resolve("fast")).hasContent("Debian");
        assertThat(dir.resolve("bad")).doesNotExist();
    }
}
