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
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor end to end on this machine through the local transport: variable precedence,
 * loops, registered results, check mode, secret masking and no_log, with a tiny module that
 * writes what it was given to a file.
 */
class LocalRunTest {
    @TempDir
    Path dir;

    /** Writes {@code value} to {@code path}; {@code token} is a secret. */
    static final class EchoModule implements Module {
        @Override public String name() { return "echo"; }
        @Override public String summary() { return "test"; }
        @Override public ParamSpec spec() {
            return ParamSpec.builder().add(Param.string("path").required()).add(Param.string("value").required())
                    .add(Param.string("token").secret()).add(Param.string("require")).build();
        }
        @Override public List<dev.rigger.spi.Probe> firstProbes(Params p) {
            return List.of(p.has("require") ? new dev.rigger.spi.Probe.Stat(p.string("require")) : new dev.rigger.spi.Probe.Read(p.string("path")));
        }
        @Override public Change plan(Params p, Host h) {
            if (p.has("require") && !h.stat(p.string("require")).exists()) {
                throw new dev.rigger.spi.ModuleException(p.string("require") + " is missing");
            }
            var cur = h.read(p.string("path"));
            String want = p.string("value") + (p.has("token") ? p.string("token") : "");
            if (cur.isPresent() && new String(cur.get()).equals(want)) return Change.none(Map.of("value", want));
            return Change.of(List.of(Diff.update(p.string("path"), cur.map(String::new).orElse(null), want)),
                    List.of(Step.WriteFile.of(p.string("path"), want.getBytes(), null))).withOutputs(Map.of("value", want));
        }
    }

    /** A change whose step prints on both streams and fails. */
    static final class FailModule implements Module {
        @Override public String name() { return "fail_step"; }
        @Override public String summary() { return "test"; }
        @Override public ParamSpec spec() { return ParamSpec.builder().build(); }
        @Override public Change plan(Params p, Host h) {
            return Change.of(List.of(Diff.create("x", "y")), List.of(new Step.Shell("echo 'No match for argument: x'; echo 'Error: Unable to find a match: x' >&2; exit 1")));
        }
    }

    private final java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    private final Masker masker = new Masker();

    private RunResult run(String yaml, Map<String, Object> extra, boolean check, List<TaskResult> seen) throws IOException {
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "[g]\nme ansible_connection=local who=inventory-host\n[g:vars]\nwho=inventory-group\ngroup_only=g\n"
                + "broken_unread=\"{{ 1 / 0 }}\"\n");
        Path pb = dir.resolve("pb.yml");
        Files.writeString(pb, yaml.replace("DIR", dir.toString()));
        Diagnostics d = new Diagnostics();
        Inventory i = Inventory.load(inv, d);
        var book = new PlaybookLoader().load(pb, d).orElseThrow();
        CompiledRun run = new Compiler(ModuleRegistry.of(new EchoModule(), new FailModule())).compile(List.of(book), i,
                new CompileOptions(extra, null, java.util.Set.of(), java.util.Set.of()), d).orElseThrow(() -> new AssertionError(d));
        var printer = new dev.rigger.engine.report.ConsoleReporter(new java.io.PrintStream(console, true), true, 1, masker);
        RunListener l = new RunListener() {
            @Override public void taskFinished(TaskResult r) {
                seen.add(r);
                printer.taskFinished(r);
            }
        };
        return new Executor(h -> new CountingConnection(trips), masker).run(run, RunOptions.defaults().withCheck(check), l);
    }

    private final java.util.concurrent.atomic.AtomicInteger trips = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void failedStep_showsItsStdoutThenItsStderr_onTheConsoleAndInTheResult() throws IOException {
        List<TaskResult> seen = new java.util.ArrayList<>();
        RunResult r = run("""
                - hosts: all
                  tasks:
                    - fail_step: {}
                """, Map.of(), false, seen);
        assertThat(r.recap().get("me").failed()).isEqualTo(1);
        assertThat(seen.get(0).output()).isEqualTo("No match for argument: x\nError: Unable to find a match: x");
        assertThat(console.toString()).contains("| No match for argument: x\n", "| Error: Unable to find a match: x\n");
    }

    @Test
    void convergedHost_isPlannedInOneRoundTrip_butValuesFromEarlierResultsAskLive() throws IOException {
        String pb = """
                - hosts: all
                  tasks:
                    - echo: {path: DIR/a, value: one}
                    - echo: {path: DIR/b, value: two}
                    - echo: {path: DIR/c, value: three}
                      register: third
                    - echo: {path: DIR/d, value: "{{ third.value }}"}
                    - echo: {path: DIR/e, value: five}
                """;
        run(pb, Map.of(), false, new java.util.ArrayList<>());
        trips.set(0);
        RunResult again = run(pb, Map.of(), false, new java.util.ArrayList<>());
        assertThat(again.recap().get("me").changed()).isZero();
        // a, b, c and e fetched ahead together; d's value is known only after c has run
        assertThat(trips.get()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("d"))).isEqualTo("three");
    }

    @Test
    void freshHost_eachChangedTask_costsOneRoundTrip_itsStepWithTheReplansAndTheNextTasksProbes() throws IOException {
        String pb = """
                - hosts: all
                  tasks:
                    - echo: {path: DIR/a, value: one}
                    - echo: {path: DIR/b, value: two}
                    - echo: {path: DIR/c, value: three}
                """;
        trips.set(0);
        RunResult fresh = run(pb, Map.of(), false, new java.util.ArrayList<>());
        assertThat(fresh.recap().get("me").changed()).isEqualTo(3);
        // 1 fetched ahead, then per task its write, in whose round trip the re-plan proving it and
        // the next task's plan get their answers
        assertThat(trips.get()).isEqualTo(1 + 3);
        assertThat(Files.readString(dir.resolve("a")) + Files.readString(dir.resolve("b")) + Files.readString(dir.resolve("c")))
                .isEqualTo("onetwothree");
    }

    @Test
    void whatAStepChanges_isSeenByLaterTasks_notTheAnswerFetchedAhead() throws IOException {
        // b's and c's required files are absent when fetched ahead; a and b create them first
        RunResult fresh = run("""
                - hosts: all
                  tasks:
                    - echo: {path: DIR/a, value: one}
                    - echo: {path: DIR/b, value: two, require: DIR/a}
                    - echo: {path: DIR/c, value: three, require: DIR/b}
                """, Map.of(), false, new java.util.ArrayList<>());
        assertThat(fresh.recap().get("me").failed()).isZero();
        assertThat(fresh.recap().get("me").changed()).isEqualTo(3);
    }

    @Test
    void precedence_extraVarsBeatTaskVarsBeatPlayVarsBeatInventory() throws IOException {
        String pb = """
                - hosts: all
                  vars: {who: play, p: play}
                  tasks:
                    - echo: {path: DIR/a, value: "{{ who }}"}
                      vars: {who: task}
                    - echo: {path: DIR/b, value: "{{ who }}"}
                    - echo: {path: DIR/c, value: "{{ p }}-{{ group_only }}"}
                """;
        run(pb, Map.of(), false, new java.util.ArrayList<>());
        assertThat(Files.readString(dir.resolve("a"))).isEqualTo("task");
        assertThat(Files.readString(dir.resolve("b"))).isEqualTo("play");
        assertThat(Files.readString(dir.resolve("c"))).isEqualTo("play-g");
        run(pb, Map.of("who", "extra", "p", "x"), false, new java.util.ArrayList<>());
        assertThat(Files.readString(dir.resolve("a"))).isEqualTo("extra");
        assertThat(Files.readString(dir.resolve("c"))).isEqualTo("x-g");
    }

    @Test
    void inventoryHostVars_beatGroupVars() throws IOException {
        run("- hosts: all\n  tasks:\n    - echo: {path: DIR/w, value: \"{{ who }}\"}\n", Map.of(), false, new java.util.ArrayList<>());
        assertThat(Files.readString(dir.resolve("w"))).isEqualTo("inventory-host");
    }

    @Test
    void checkMode_writesNothing_andDependentsOfPendingResultsAreUnknown() throws IOException {
        List<TaskResult> seen = new java.util.ArrayList<>();
        RunResult r = run("""
                - hosts: all
                  tasks:
                    - echo: {path: DIR/x, value: one}
                      register: first
                    - echo: {path: DIR/y, value: "{{ first.value }}"}
                """, Map.of(), true, seen);
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(seen).extracting(TaskResult::status).containsExactly(Status.CHANGED, Status.UNKNOWN);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void ansiblesNamesAndLazyVars_inATask() throws IOException {
        // a group var that no task reads may be broken (Ansible never templates it); one that is read is lazy too
        run("""
                - hosts: all
                  vars: {greeting: "hi {{ who }}", unused: "{{ 1 / 0 }}"}
                  tasks:
                    - echo: {path: "DIR/names", value: "{{ ansible_play_hosts | join(',') }} {{ inventory_hostname_short }} {{ greeting }} {{ playbook_dir is string }} {{ inventory_dir == playbook_dir }}", require: "{{ nothing | default(omit) }}"}
                """, Map.of(), false, new java.util.ArrayList<>());
        assertThat(Files.readString(dir.resolve("names"))).isEqualTo("me me hi inventory-host True True");
        // another host's variables are lazy too: a broken value of it that nobody reads does not matter
        List<TaskResult> seenOther = new java.util.ArrayList<>();
        run("""
                - hosts: all
                  tasks:
                    - echo: {path: "DIR/other", value: "{{ hostvars['me'].who }} {{ hostvars[inventory_hostname].group_only }}"}
                """, Map.of(), false, seenOther);
        assertThat(seenOther).extracting(TaskResult::status).containsExactly(Status.CHANGED);
        assertThat(Files.readString(dir.resolve("other"))).isEqualTo("inventory-host g");
    }

    @Test
    void loop_registersResultsAndSecondRunIsUnchanged() throws IOException {
        String pb = """
                - hosts: all
                  tasks:
                    - echo: {path: "DIR/{{ item }}", value: "v-{{ item }}"}
                      loop: [l1, l2]
                      register: out
                    - echo: {path: DIR/count, value: "{{ out.results | length }}"}
                """;
        run(pb, Map.of(), false, new java.util.ArrayList<>());
        assertThat(Files.readString(dir.resolve("l2"))).isEqualTo("v-l2");
        assertThat(Files.readString(dir.resolve("count"))).isEqualTo("2");
        List<TaskResult> seen = new java.util.ArrayList<>();
        assertThat(run(pb, Map.of(), false, seen).changedCount()).isZero();
    }

    @Test
    void loop_whenIsTestedOnEachItem_aLoopNotRenderableIsSkippedByAFalseWhen() throws IOException {
        List<TaskResult> seen = new java.util.ArrayList<>();
        run("""
                - hosts: all
                  tasks:
                    - echo: {path: "DIR/{{ item }}", value: "v-{{ item }}"}
                      loop: [l1, l2, l3]
                      when: item != 'l2'
                      register: out
                    - echo: {path: DIR/none, value: x}
                      loop: [a]
                      when: item == 'b'
                      register: nothing
                    - echo: {path: DIR/never, value: x}
                      loop: "{{ lookup('vars', 'no_such_list') }}"
                      when: lookup('varnames', '^no_such_list$')
                    - echo: {path: DIR/seen, value: "{{ out.results | map(attribute='skipped', default=false) | list }} {{ nothing.skipped }} {{ nothing.msg }}"}
                """, Map.of(), false, seen);
        assertThat(Files.exists(dir.resolve("l1"))).isTrue();
        assertThat(Files.exists(dir.resolve("l2"))).isFalse();
        assertThat(Files.exists(dir.resolve("l3"))).isTrue();
        assertThat(seen).extracting(TaskResult::status).containsExactly(Status.CHANGED, Status.SKIPPED, Status.SKIPPED, Status.CHANGED);
        assertThat(Files.readString(dir.resolve("seen"))).isEqualTo("[False, True, False] True All items skipped");
    }

    @Test
    void ignoreErrors_countsIgnored_andTheHostGoesOn_exitZero() throws IOException {
        List<TaskResult> seen = new java.util.ArrayList<>();
        RunResult r = run("""
                - hosts: all
                  tasks:
                    - echo: {path: DIR/no/such/dir/f, value: x}
                      ignore_errors: true
                    - echo: {path: DIR/after, value: y}
                    - echo: {path: DIR/no/such/dir/g, value: x}
                    - echo: {path: DIR/never, value: z}
                """, Map.of(), false, seen);
        assertThat(seen).extracting(TaskResult::status)
                .containsExactly(Status.IGNORED, Status.CHANGED, Status.FAILED, Status.SKIPPED);
        assertThat(seen.get(3).message()).startsWith("upstream failed");
        assertThat(r.recap().get("me").ignored()).isEqualTo(1);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("after")).exists();
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void preflight_brokenRule_stopsTheRunBeforeAnyChange_withItsMessage() throws IOException {
        List<TaskResult> seen = new java.util.ArrayList<>();
        String pb = """
                - hosts: all
                  vars: {min_free: 10}
                  facts:
                    marker: "cat DIR/marker 2>/dev/null || echo none"
                    free: "echo 5"
                  preflight:
                    - name: enough room
                      assert: facts.free >= min_free
                      message: "only {{ facts.free }} free, {{ min_free }} needed on {{ inventory_hostname }}"
                    - name: marker present
                      assert: facts.marker != 'none'
                      message: "put a marker in place"
                  tasks:
                    - echo: {path: DIR/changed, value: "{{ facts.marker }}"}
                """;
        RunResult r = run(pb, Map.of(), false, seen);
        assertThat(seen).extracting(TaskResult::task).containsExactly("preflight: enough room", "preflight: marker present");
        assertThat(seen.get(0).message()).isEqualTo("only 5 free, 10 needed on me");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("changed")).doesNotExist();

        Files.writeString(dir.resolve("marker"), "m1");
        seen.clear();
        r = run(pb, Map.of("min_free", 1), false, seen);
        assertThat(r.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("changed"))).as("facts are readable by tasks").isEqualTo("m1");
    }

    @Test
    void checkMode_aPlanFailingOnlyForAPendingChange_isKnownAfterApply_namingIt() throws IOException {
        List<TaskResult> seen = new java.util.ArrayList<>();
        String pb = """
                - hosts: all
                  tasks:
                    - name: make it
                      echo: {path: DIR/made, value: x}
                    - name: needs it
                      echo: {path: DIR/uses, value: y, require: DIR/made}
                """;
        RunResult r = run(pb, Map.of(), true, seen);
        assertThat(seen).extracting(TaskResult::status).containsExactly(Status.CHANGED, Status.UNKNOWN);
        assertThat(seen.get(1).message()).startsWith("known after apply (pending on this host: 'make it'): ").endsWith("made is missing");
        assertThat(r.exitCode()).isZero();
        seen.clear();
        assertThat(run(pb, Map.of(), false, seen).exitCode()).as("apply makes it, then uses it").isZero();
    }

    @Test
    void secretParameter_andNoLog_neverReachResults() throws IOException {
        List<TaskResult> seen = new java.util.ArrayList<>();
        run("""
                - hosts: all
                  tasks:
                    - echo: {path: DIR/s, value: "v", token: "s3cr3t-value"}
                    - echo: {path: DIR/t, value: "nolog-content"}
                      no_log: true
                """, Map.of(), false, seen);
        assertThat(seen.get(1).changes().toString()).doesNotContain("nolog-content").contains("hidden");
        assertThat(Files.readString(dir.resolve("s"))).isEqualTo("vs3cr3t-value");
        assertThat(console.toString()).contains("-> v" + Masker.MASK).doesNotContain("s3cr3t-value").doesNotContain("nolog-content");
        RunResult r = new RunResult(false, seen, List.of("me"), 1);
        assertThat(new dev.rigger.engine.report.JsonReport(masker).toMap(r).toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void block_aFailureRunsTheRescue_theHostIsNotFailed_inCheckModeToo() throws IOException {
        for (boolean check : List.of(true, false)) { // check first: it writes nothing
            List<TaskResult> seen = new java.util.ArrayList<>();
            RunResult r = run("""
                    - hosts: all
                      tasks:
                        - block:
                            - {name: needs missing, echo: {path: DIR/b1, value: x, require: DIR/missing}}
                            - {name: never, echo: {path: DIR/never, value: x}}
                          rescue:
                            - {name: rescue, echo: {path: DIR/r, value: "{{ ansible_failed_task.name }}"}}
                          always:
                            - {name: always, echo: {path: DIR/a, value: a}}
                        - {name: after, echo: {path: DIR/after, value: z}}
                    """, Map.of(), check, seen);
            assertThat(seen).extracting(TaskResult::task).containsExactly("needs missing", "rescue", "always", "after");
            assertThat(seen).extracting(TaskResult::status)
                    .containsExactly(Status.RESCUED, Status.CHANGED, Status.CHANGED, Status.CHANGED);
            assertThat(r.recap().get("me").rescued()).isEqualTo(1);
            assertThat(r.recap().get("me").failed()).isZero();
            assertThat(r.exitCode()).isZero();
            assertThat(dir.resolve("never")).doesNotExist();
            if (check) {
                assertThat(seen.get(1).changes().get(0).toString()).contains("needs missing");
            } else {
                assertThat(dir.resolve("r")).hasContent("needs missing");
                assertThat(dir.resolve("after")).exists();
            }
        }
    }

    @Test
    void block_aFailureNotRescued_runsAlways_thenTheHostFails() throws IOException {
        List<TaskResult> seen = new java.util.ArrayList<>();
        RunResult r = run("""
                - hosts: all
                  tasks:
                    - block:
                        - {name: fails, echo: {path: DIR/b1, value: x, require: DIR/missing}}
                      always:
                        - {name: always, echo: {path: DIR/a, value: a}}
                    - {name: after, echo: {path: DIR/after, value: z}}
                """, Map.of(), false, seen);
        assertThat(seen).extracting(TaskResult::status).containsExactly(Status.FAILED, Status.CHANGED, Status.SKIPPED);
        assertThat(seen.get(2).message()).startsWith("upstream failed: me/fails");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("a")).exists();
    }

    @Test
    void until_retriesUntilTheConditionHolds_andInCheckModeAPendingResultIsNotRetried() throws IOException {
        List<TaskResult> seen = new java.util.ArrayList<>();
        String yaml = """
                - hosts: all
                  tasks:
                    - name: waits for the file
                      echo: {path: DIR/x, value: one}
                      register: w
                      until: w.value == 'one'
                      retries: 2
                      delay: 0
                    - name: never
                      echo: {path: DIR/x, value: one}
                      register: n
                      until: n.value == 'two'
                      retries: 2
                      delay: 0
                """;
        RunResult r = run(yaml, Map.of(), true, seen);
        assertThat(seen).extracting(TaskResult::status).containsExactly(Status.CHANGED, Status.CHANGED);
        assertThat(r.exitCode()).isZero();
        seen.clear();
        r = run(yaml, Map.of(), false, seen);
        assertThat(seen).extracting(TaskResult::status).containsExactly(Status.CHANGED, Status.FAILED);
        assertThat(seen.get(1).message()).isEqualTo("until not true after 3 attempts");
        assertThat(r.exitCode()).isEqualTo(2);
    }
}
