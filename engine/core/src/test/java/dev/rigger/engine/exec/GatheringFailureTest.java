package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.compile.CompileOptions;
import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.compile.Compiler;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.load.PlaybookLoader;
import dev.rigger.engine.module.ModuleRegistry;
import dev.rigger.engine.report.HostRecap;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.RunListener;
import dev.rigger.engine.report.RunResult;
import dev.rigger.engine.report.TaskResult;
import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.ExecResult;
import dev.rigger.engine.transport.TransportException;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose gathering fails ("bad": the setup module fails) or that cannot be reached then
 * ("gone": its connection refuses) is left out of the play, as Ansible leaves it: its recap holds
 * the gathering's result alone (failed=1, or unreachable), its tasks neither run nor report, and
 * the other hosts run the play, also when they wait for each other (hostvars, run_once, serial,
 * failure rules). Each test has a timeout: a host waiting on a left-out host's node in vain would hang.
 */
@Timeout(30)
class GatheringFailureTest {
    @TempDir
    Path dir;

    /** setup: fails on "bad"; elsewhere the "os family" is Debian. */
    private static final class Setup implements Module {
        @Override public String name() { return "setup"; }
        @Override public String summary() { return "test"; }
        @Override public ParamSpec spec() {
            return ParamSpec.builder().add(Param.list("gather_subset")).add(Param.list("filter")).build();
        }
        @Override public Change plan(Params p, Host h) {
            if (h.name().equals("slowbad")) pause(300);
            if (h.name().endsWith("bad")) throw new ModuleException("cannot read the facts");
            h.probe(List.of(new Probe.Shell("true")));
            return Change.none(Map.of("ansible_facts", Map.of("ansible_os_family", "Debian", "ansible_hostname", h.name())));
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes content to path. */
    private static final class Put implements Module {
        @Override public String name() { return "put"; }
        @Override public String summary() { return "test"; }
        @Override public ParamSpec spec() {
            return ParamSpec.builder().add(Param.string("path").required()).add(Param.string("content").required()).build();
        }
        @Override public Change plan(Params p, Host h) {
            var cur = h.read(p.string("path"));
            if (cur.isPresent() && new String(cur.get()).equals(p.string("content"))) return Change.none();
            return Change.of(List.of(Diff.update(p.string("path"), null, p.string("content"))),
                    List.of(Step.WriteFile.of(p.string("path"), p.string("content").getBytes(), null)));
        }
    }

    /** "gone": nothing listens. */
    private static final class Refused implements Connection {
        @Override public ExecResult exec(String command, byte[] stdin, Duration timeout) {
            throw new TransportException("cannot connect to gone: Connection refused", null);
        }
        @Override public void close() { }
    }

    private RunResult run(String play, String... hosts) throws Exception {
        Files.writeString(dir.resolve("inv.ini"), String.join(" ansible_connection=local\n", hosts) + " ansible_connection=local\n");
        Files.writeString(dir.resolve("pb.yml"), play.replace("DIR", dir.toString()));
        Diagnostics d = new Diagnostics();
        CompiledRun run = new Compiler(ModuleRegistry.of(new Setup(), new Put())).compile(
                List.of(new PlaybookLoader().load(dir.resolve("pb.yml"), d).orElseThrow()), Inventory.load(dir.resolve("inv.ini"), d),
                new CompileOptions(Map.of(), null, Set.of(), Set.of()), d).orElseThrow(() -> new AssertionError(d));
        AtomicInteger trips = new AtomicInteger();
        return new Executor(h -> h.equals("gone") ? new Refused() : new CountingConnection(trips), new Masker())
                .run(run, RunOptions.defaults(), new RunListener() { });
    }

    private static List<String> results(RunResult r) {
        return r.tasks().stream().map(t -> t.host() + " " + t.task() + " " + t.status().label()).toList();
    }

    private static List<String> resultsOf(RunResult r, String host) {
        return r.tasks().stream().filter(t -> t.host().equals(host)).map(t -> t.task() + " " + t.status().label()).toList();
    }

    private static String put(String name, String content) {
        return "    - name: " + name + "\n      put: {path: \"DIR/" + name + "-{{ inventory_hostname }}\", content: \"" + content + "\"}\n";
    }

    @Test
    void hostvarsRead_aFailedGathering_leavesTheHostOut_theOthersRunAndSeeItsFactsUndefined() throws Exception {
        String play = "- hosts: all\n  tasks:\n"
                + put("seen", "{{ hostvars['bad'].ansible_os_family | default('undef') }} {{ ansible_play_hosts | join(',') }}");
        RunResult r = run(play, "bad", "a", "b");
        assertThat(results(r)).containsExactlyInAnyOrder("bad gather_facts failed", "a seen changed", "b seen changed");
        assertThat(dir.resolve("seen-a")).hasContent("undef a,b");
        assertThat(dir.resolve("seen-bad")).doesNotExist();
        HostRecap bad = r.recap().get("bad");
        assertThat(bad).isEqualTo(new HostRecap(0, 0, 1, 0, 0, 0, false, 0));
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void anUnreachableHostAtGathering_isUnreachableOnce_itsTasksReportNothing() throws Exception {
        String play = "- hosts: all\n  tasks:\n"
                + put("t1", "{{ hostvars['gone'].ansible_hostname | default('undef') }}") + put("t2", "x")
                + "- hosts: all\n  gather_facts: false\n  tasks:\n" + put("p2", "x");
        RunResult r = run(play, "gone", "a");
        assertThat(resultsOf(r, "gone")).containsExactly("gather_facts unreachable");
        assertThat(resultsOf(r, "a")).containsExactly("t1 changed", "t2 changed", "p2 changed");
        assertThat(dir.resolve("t1-a")).hasContent("undef");
        assertThat(r.recap().get("gone")).isEqualTo(new HostRecap(0, 0, 0, 0, 0, 0, true, 0));
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void runOnce_isRunByTheFirstHostStillInThePlay() throws Exception {
        String play = "- hosts: all\n  tasks:\n" + put("first", "{{ ansible_os_family }}")
                + "    - name: once\n      run_once: true\n      put: {path: \"DIR/once-{{ inventory_hostname }}\", content: x}\n"
                + put("last", "x");
        RunResult r = run(play, "bad", "a", "b");
        assertThat(dir.resolve("once-a")).exists();
        assertThat(dir.resolve("once-b")).doesNotExist();
        assertThat(dir.resolve("once-bad")).doesNotExist();
        assertThat(dir.resolve("last-b")).exists();
        assertThat(resultsOf(r, "bad")).containsExactly("gather_facts failed");
    }

    @Test
    void serialOne_aBatchWhoseOnlyHostFailedGathering_stopsThePlay_asInAnsible() throws Exception {
        String play = "- hosts: all\n  serial: 1\n  tasks:\n" + put("t1", "{{ ansible_os_family }}")
                + "- hosts: all\n  gather_facts: false\n  tasks:\n" + put("p2", "x");
        RunResult r = run(play, "bad", "a");
        assertThat(dir.resolve("t1-a")).doesNotExist();
        assertThat(dir.resolve("p2-a")).doesNotExist();
        assertThat(resultsOf(r, "bad")).containsExactly("gather_facts failed");
    }

    @Test
    void serialTwo_theBatchGoesOnWithoutTheHost_andItsPlayBatchLeavesItOut() throws Exception {
        String play = "- hosts: all\n  serial: 2\n  tasks:\n" + put("t1", "{{ ansible_os_family }} {{ ansible_play_batch | join(',') }} {{ ansible_play_hosts | join(',') }}");
        RunResult r = run(play, "bad", "a", "b");
        // as Ansible's: ansible_play_hosts is the play's hosts across its batches, ansible_play_batch this batch's
        assertThat(dir.resolve("t1-a")).hasContent("Debian a a,b");
        assertThat(dir.resolve("t1-b")).hasContent("Debian b a,b");
        assertThat(resultsOf(r, "bad")).containsExactly("gather_facts failed");
    }

    @Test
    void anyErrorsFatal_aFailedGathering_stopsThePlayBeforeItsFirstTask() throws Exception {
        String play = "- hosts: all\n  any_errors_fatal: true\n  tasks:\n" + put("t1", "{{ ansible_os_family }}");
        RunResult r = run(play, "a", "bad", "b");
        assertThat(dir.resolve("t1-a")).doesNotExist();
        assertThat(dir.resolve("t1-b")).doesNotExist();
        assertThat(resultsOf(r, "bad")).containsExactly("gather_facts failed");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void anyErrorsFatal_countsAnUnreachableHostAtGathering() throws Exception {
        String play = "- hosts: all\n  any_errors_fatal: true\n  tasks:\n" + put("t1", "{{ ansible_os_family }}");
        run(play, "a", "gone");
        assertThat(dir.resolve("t1-a")).doesNotExist();
    }

    @Test
    void maxFailPercentage_countsAFailedGathering() throws Exception {
        String play = "- hosts: all\n  max_fail_percentage: 20\n  tasks:\n" + put("t1", "{{ ansible_os_family }}") + put("t2", "x");
        run(play, "a", "bad", "b", "c");
        assertThat(dir.resolve("t1-a")).doesNotExist();
        assertThat(dir.resolve("t1-c")).doesNotExist();
    }

    @Test
    void maxFailPercentage_belowIt_theOthersGoOn() throws Exception {
        String play = "- hosts: all\n  max_fail_percentage: 30\n  tasks:\n" + put("t1", "{{ ansible_os_family }}") + put("t2", "x");
        RunResult r = run(play, "a", "bad", "b", "c");
        assertThat(dir.resolve("t2-a")).exists();
        assertThat(dir.resolve("t2-c")).exists();
        assertThat(resultsOf(r, "bad")).containsExactly("gather_facts failed");
    }

    @Test
    void maxFailPercentage_doesNotCountAnUnreachableHost_asAnsible214() throws Exception {
        String play = "- hosts: all\n  max_fail_percentage: 20\n  tasks:\n" + put("t1", "{{ ansible_os_family }}") + put("t2", "x");
        RunResult r = run(play, "a", "gone", "b", "c");
        assertThat(dir.resolve("t2-a")).exists();
        assertThat(dir.resolve("t2-c")).exists();
        assertThat(resultsOf(r, "gone")).containsExactly("gather_facts unreachable");
    }

    @Test
    void aTaskReadingThePlaysHosts_waitsForEveryGathering_andSeesTheFailedHostLeftOut() throws Exception {
        String play = "- hosts: all\n  tasks:\n" + put("t1", "{{ ansible_os_family }} {{ ansible_play_hosts | join(',') }}");
        RunResult r = run(play, "slowbad", "a");
        assertThat(dir.resolve("t1-a")).hasContent("Debian a");
        assertThat(resultsOf(r, "slowbad")).containsExactly("gather_facts failed");
    }

    @Test
    void anEarlierPlayWithoutGathering_stillRunsOnTheHost_asInAnsible() throws Exception {
        String play = "- hosts: all\n  gather_facts: false\n  tasks:\n" + put("p1", "x")
                + "- hosts: all\n  tasks:\n" + put("p2", "{{ ansible_os_family }} {{ hostvars['bad'].ansible_os_family | default('undef') }}");
        RunResult r = run(play, "bad", "a");
        assertThat(dir.resolve("p1-bad")).exists();
        assertThat(dir.resolve("p2-bad")).doesNotExist();
        assertThat(dir.resolve("p2-a")).hasContent("Debian undef");
        assertThat(r.tasks()).extracting(TaskResult::host).containsOnly("bad", "a");
    }
}
