package dev.rigger.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.model.Playbook;
import dev.rigger.engine.model.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookLoaderTest {
    @TempDir
    Path dir;

    private Optional<Playbook> load(String yaml, Diagnostics d) throws IOException {
        Path f = dir.resolve("site.yml");
        Files.writeString(f, yaml);
        return new PlaybookLoader().load(f, d);
    }

    @Test
    void load_yamlSyntaxError_namesFileLineAndColumn() throws IOException {
        Diagnostics d = new Diagnostics();
        var pb = load("- hosts: all\n  tasks:\n    - name: x\n      file: {path: /x\n", d);
        assertThat(pb).isEmpty();
        assertThat(d.list()).singleElement().satisfies(x -> {
            assertThat(x.location().file()).endsWith("site.yml");
            assertThat(x.location().line()).isGreaterThanOrEqualTo(4);
            assertThat(x.message()).startsWith("YAML syntax error");
        });
    }

    @Test
    void load_notUtf8_isAnErrorAtTheByte() throws IOException {
        // found by LoaderFuzzTest: the JDK's "cannot read: Input length = 1" had no line and said nothing useful
        Path f = dir.resolve("site.yml");
        Files.write(f, new byte[] {'-', ' ', 'h', 'o', 's', 't', 's', ':', ' ', 'a', '\n', ' ', ' ', 'x', (byte) 0xff, '\n'});
        Diagnostics d = new Diagnostics();
        assertThat(new PlaybookLoader().load(f, d)).isEmpty();
        assertThat(d.toString()).contains("site.yml:2:4: error: not UTF-8: byte 0xFF");
    }

    @Test
    void load_missingImport_isAnErrorAtTheLineThatNamesIt() throws IOException {
        // found by LoaderFuzzTest: "missing.yml: error: file not found" had no line, and pointed at a file that is not there
        Diagnostics d = new Diagnostics();
        load("- import_playbook: missing.yml\n- hosts: all\n  vars_files: [nope.yml]\n  tasks:\n    - import_tasks: gone.yml\n", d);
        assertThat(d.toString())
                .contains("site.yml:1:20: error: file not found: " + dir.resolve("missing.yml"))
                .contains("site.yml:3:15: error: file not found: " + dir.resolve("nope.yml"))
                .contains("site.yml:5:21: error: file not found: " + dir.resolve("gone.yml"));
    }

    @Test
    void load_unknownPlayKeyword_isAnErrorAtItsKey() throws IOException {
        Diagnostics d = new Diagnostics();
        load("- hosts: all\n  taks: []\n", d);
        assertThat(d.toString()).contains("site.yml:2:3: error: unknown play keyword 'taks'");
    }

    @Test
    void load_taskWithTwoModules_isAnError() throws IOException {
        Diagnostics d = new Diagnostics();
        load("- hosts: all\n  tasks:\n    - file: path=/x\n      command: ls\n", d);
        assertThat(d.toString()).contains("site.yml:4:7: error: task calls more than one module: [file, command]");
    }

    @Test
    void load_duplicateKey_isAnError() throws IOException {
        Diagnostics d = new Diagnostics();
        load("- hosts: all\n  hosts: web\n  tasks: []\n", d);
        assertThat(d.toString()).contains("duplicate key 'hosts'");
    }

    @Test
    void load_importTasks_inlinesWithWhenAdded() throws IOException {
        Files.writeString(dir.resolve("inc.yml"), "- name: inner\n  command: 'true'\n  when: a == 1\n");
        Diagnostics d = new Diagnostics();
        Playbook pb = load("- hosts: all\n  tasks:\n    - import_tasks: inc.yml\n      when: b == 2\n", d).orElseThrow();
        assertThat(d.hasErrors()).isFalse();
        Task t = pb.plays().get(0).tasks().get(0);
        assertThat(t.name()).isEqualTo("inner");
        assertThat(t.when()).extracting(Task.Expr::source).containsExactly("b == 2", "a == 1");
        assertThat(t.location().file()).endsWith("inc.yml");
    }

    @Test
    void load_importPlaybook_inlinesItsPlays_andRefusesSelfImport() throws IOException {
        Files.writeString(dir.resolve("base.yml"), "- hosts: all\n  tasks: []\n- hosts: master\n  tasks: []\n");
        Diagnostics d = new Diagnostics();
        Playbook pb = load("- import_playbook: base.yml\n- hosts: workers\n  tasks: []\n", d).orElseThrow();
        assertThat(pb.plays()).extracting(p -> p.hosts()).containsExactly("all", "master", "workers");
        Files.writeString(dir.resolve("loop.yml"), "- import_playbook: loop.yml\n");
        Diagnostics d2 = new Diagnostics();
        new PlaybookLoader().load(dir.resolve("loop.yml"), d2);
        assertThat(d2.toString()).contains("playbook imports itself");
    }

    @Test
    void load_varsFiles_overridePlayVars() throws IOException {
        Files.writeString(dir.resolve("v.yml"), "x: from-file\n");
        Diagnostics d = new Diagnostics();
        Playbook pb = load("- hosts: all\n  vars: {x: play, y: 1}\n  vars_files: [v.yml]\n  tasks: []\n", d).orElseThrow();
        assertThat(pb.plays().get(0).vars()).containsEntry("x", "from-file").containsEntry("y", 1);
    }

    @Test
    void load_loopControlAndNeeds_areRead() throws IOException {
        Diagnostics d = new Diagnostics();
        Playbook pb = load("""
                - hosts: all
                  tasks:
                    - name: t
                      command: echo {{ pkg }}
                      loop: [a, b]
                      loop_control: {loop_var: pkg}
                      needs: [{task: init, hosts: master}, other]
                """, d).orElseThrow();
        Task t = pb.plays().get(0).tasks().get(0);
        assertThat(t.loopVar()).isEqualTo("pkg");
        assertThat(t.needs()).extracting(Task.Need::task).containsExactly("init", "other");
        assertThat(t.needs().get(0).hosts()).isEqualTo("master");
    }

    @Test
    void block_aTasksOrInnerBlocksExplicitFalse_winsOverTheOuterBlocksTrue_asInAnsible() throws IOException {
        // Ansible's _get_parent_attribute: the nearest value set wins; ansible-playbook 2.14 fails the task below
        Diagnostics d = new Diagnostics();
        var pb = load("""
                - hosts: all
                  tasks:
                    - ignore_errors: true
                      no_log: true
                      run_once: true
                      ignore_unreachable: true
                      delegate_to: d1
                      delegate_facts: true
                      block:
                        - {name: own, command: /bin/false, ignore_errors: false, no_log: false, run_once: false, ignore_unreachable: false}
                        - {name: unset, command: /bin/false}
                        - {name: templated, command: /bin/false, ignore_errors: "{{ ansible_check_mode }}", no_log: "{{ hide }}"}
                        - {name: elsewhere, command: /bin/false, delegate_to: d2}
                        - {name: noFacts, command: /bin/false, delegate_to: d3, delegate_facts: false}
                        - ignore_errors: false
                          run_once: false
                          block:
                            - {name: inner, command: /bin/false}
                """, d).orElseThrow();
        assertThat(d.list()).isEmpty();
        var tasks = pb.plays().get(0).tasks();
        Task own = tasks.get(0);
        assertThat(own.ignoresErrors()).isFalse();
        assertThat(own.hidesLog()).isFalse();
        assertThat(own.runsOnce()).isFalse();
        assertThat(own.ignoresUnreachable()).isFalse();
        Task unset = tasks.get(1);
        assertThat(unset.ignoresErrors()).isTrue();
        assertThat(unset.hidesLog()).isTrue();
        assertThat(unset.runsOnce()).isTrue();
        assertThat(unset.ignoresUnreachable()).isTrue();
        Task templated = tasks.get(2);
        assertThat(templated.ignoresErrors()).as("the template decides, not the block").isFalse();
        assertThat(templated.flags().ignoreErrorsIf().source()).isEqualTo("{{ ansible_check_mode }}");
        assertThat(templated.hidesLog()).isFalse();
        assertThat(templated.flags().noLogIf().source()).isEqualTo("{{ hide }}");
        assertThat(tasks.get(3).delegation().to().source()).isEqualTo("d2");
        assertThat(tasks.get(3).delegation().factsToDelegate()).as("delegate_facts comes from the block").isTrue();
        assertThat(tasks.get(4).delegation().factsToDelegate()).isFalse();
        Task inner = tasks.get(5);
        assertThat(inner.ignoresErrors()).isFalse();
        assertThat(inner.runsOnce()).isFalse();
        assertThat(inner.hidesLog()).isTrue();
    }

    @Test
    void play_ignoreUnreachable_givesWayToABlockOrTasksFalse() throws IOException {
        Diagnostics d = new Diagnostics();
        var pb = load("""
                - hosts: all
                  ignore_unreachable: true
                  tasks:
                    - {name: own, command: id, ignore_unreachable: false}
                    - {name: unset, command: id}
                    - ignore_unreachable: false
                      block:
                        - {name: inner, command: id}
                """, d).orElseThrow();
        assertThat(d.list()).isEmpty();
        assertThat(pb.plays().get(0).tasks()).extracting(Task::displayName, Task::ignoresUnreachable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("own", false), org.assertj.core.groups.Tuple.tuple("unset", true),
                        org.assertj.core.groups.Tuple.tuple("inner", false));
    }

    @Test
    void handler_runOnce_isRefusedAtTheHandler_asRiggerWouldRunItOnEveryNotifiedHost() throws IOException {
        Diagnostics d = new Diagnostics();
        load("""
                - hosts: all
                  tasks:
                    - {command: id, notify: h}
                  handlers:
                    - name: h
                      command: id
                      run_once: true
                    - name: fine
                      command: id
                      run_once: false
                """, d);
        assertThat(d.toString()).contains("site.yml:5:7: error: run_once on the handler 'h' is not supported yet")
                .doesNotContain("'fine'");
    }

    @Test
    void block_givesItsTasksFramesAndWhatTheyInherit_nestedBlocksInside() throws IOException {
        Diagnostics d = new Diagnostics();
        var pb = load("""
                - hosts: all
                  tasks:
                    - name: outer
                      when: a
                      tags: [o]
                      vars: {x: 1, y: 1}
                      become: true
                      ignore_errors: true
                      block:
                        - name: t1
                          debug: {msg: hi}
                          when: b
                          vars: {y: 2}
                        - name: inner
                          check_mode: true
                          block:
                            - {name: t2, debug: {msg: hi}, become: false}
                      rescue:
                        - {name: r1, debug: {msg: hi}}
                      always:
                        - {name: a1, debug: {msg: hi}}
                """, d).orElseThrow();
        assertThat(d.list()).isEmpty();
        var tasks = pb.plays().get(0).tasks();
        assertThat(tasks).extracting(t -> t.name()).containsExactly("t1", "t2", "r1", "a1");
        var t1 = tasks.get(0);
        assertThat(t1.when()).extracting(e -> e.source()).containsExactly("a", "b");
        assertThat(t1.tags()).containsExactly("o");
        assertThat(t1.vars()).containsEntry("x", 1).containsEntry("y", 2);
        assertThat(t1.become()).isTrue();
        assertThat(t1.ignoreErrors()).isTrue();
        assertThat(t1.blocks()).extracting(f -> f.section().name()).containsExactly("BLOCK");
        var t2 = tasks.get(1);
        assertThat(t2.become()).isFalse();
        assertThat(t2.checkMode()).isTrue();
        assertThat(t2.blocks()).extracting(f -> f.label()).containsExactly("block 1 (outer) block", "block 2 (inner) block");
        assertThat(t2.rescued()).isTrue();
        assertThat(tasks.get(2).blocks()).extracting(f -> f.section().name()).containsExactly("RESCUE");
        assertThat(tasks.get(2).rescued()).isFalse();
        assertThat(tasks.get(3).blocks()).extracting(f -> f.section().name()).containsExactly("ALWAYS");
    }

    @Test
    void block_withAModuleCall_orARefusedKeyword_isAnErrorAtTheKey() throws IOException {
        Diagnostics d = new Diagnostics();
        load("""
                - hosts: all
                  tasks:
                    - block:
                        - debug: {msg: hi}
                      debug: {msg: also}
                    - block:
                        - debug: {msg: hi}
                      notify: h
                """, d);
        assertThat(d.toString()).contains("site.yml:5:7: error: 'debug' is not a block keyword")
                .contains("site.yml:8:7: error: 'notify' is not supported: set notify on the tasks");
    }

    @Test
    void until_hasAnsiblesDefaults_andRetriesWithoutUntil_orATemplatedCount_isAnError() throws IOException {
        Diagnostics d = new Diagnostics();
        var pb = load("""
                - hosts: all
                  tasks:
                    - {name: a, debug: {msg: hi}, register: r, until: [r is success, "{{ r.x }}"]}
                    - {name: b, debug: {msg: hi}, register: r, until: r is success, retries: 7, delay: "0"}
                """, d).orElseThrow();
        assertThat(d.list()).isEmpty();
        var a = pb.plays().get(0).tasks().get(0).until();
        assertThat(a.conditions()).extracting(e -> e.source()).containsExactly("r is success", "{{ r.x }}");
        assertThat(List.of(a.retries(), a.delay())).containsExactly(3, 5);
        var b = pb.plays().get(0).tasks().get(1).until();
        assertThat(List.of(b.retries(), b.delay())).containsExactly(7, 0);
        load("""
                - hosts: all
                  tasks:
                    - {name: a, debug: {msg: hi}, retries: 3}
                    - {name: b, debug: {msg: hi}, register: r, until: r is success, retries: "{{ n }}"}
                """, d);
        assertThat(d.toString()).contains("site.yml:3:35: error: 'retries' without until does nothing")
                .contains("site.yml:4:78: error: retries is a whole number");
    }
}
