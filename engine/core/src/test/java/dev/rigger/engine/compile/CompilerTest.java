package dev.rigger.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.inventory.InventoryHost;
import dev.rigger.engine.load.PlaybookLoader;
import dev.rigger.engine.model.Playbook;
import dev.rigger.engine.module.ModuleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerTest {
    @TempDir
    Path dir;

    static Inventory threeHosts() {
        List<InventoryHost> hosts = List.of(host("k8s-master"), host("k8s-slave1"), host("k8s-slave2"));
        return Inventory.of(hosts, Map.of("master", List.of("k8s-master"), "workers", List.of("k8s-slave1", "k8s-slave2")));
    }

    static InventoryHost host(String name) {
        return new InventoryHost(name, name, 22, "root", null, "local", Map.of("role", "x"));
    }

    private Optional<CompiledRun> compile(String yaml, Diagnostics d) throws IOException {
        return compile(yaml, d, CompileOptions.defaults());
    }

    private Optional<CompiledRun> compile(String yaml, Diagnostics d, CompileOptions opts) throws IOException {
        return compile(yaml, d, opts, TestModules.registry());
    }

    private Optional<CompiledRun> compile(String yaml, Diagnostics d, CompileOptions opts, ModuleRegistry modules) throws IOException {
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, yaml);
        Optional<Playbook> book = new PlaybookLoader().load(pb, d);
        if (book.isEmpty()) return Optional.empty();
        return new Compiler(modules).compile(List.of(book.get()), threeHosts(), opts, d);
    }

    @Test
    void anUnknownModuleInAnIncludedFile_becomesOneFailAtTheInclude_thatNoBlockRescues_andTheIncludesTagsSelect() throws IOException {
        Files.writeString(dir.resolve("arch.yml"), """
                - command: echo first
                  tags: [pkgs]
                - block:
                    - pacman: {name: x}
                  rescue:
                    - command: echo fallback
                """);
        Diagnostics d = new Diagnostics();
        var run = compile("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - include_tasks: arch.yml
                      when: role == 'arch'
                    - include_vars: vars.yml
                """, d, CompileOptions.defaults(), TestModules.withFailAndIncludeVars());
        assertThat(run).as(d.toString()).isPresent();
        assertThat(d.toString()).contains("arch.yml:4:7: warning: unknown module 'pacman'");
        var nodes = run.get().graph().nodes("k8s-master");
        assertThat(nodes).hasSize(2);
        var fail = nodes.get(0).task();
        assertThat(fail.module().name()).isEqualTo("fail");
        assertThat(fail.task().blocks()).as("no block of the file rescues it").isEmpty();
        assertThat(fail.task().tags()).containsExactly("always");
        assertThat(fail.task().when()).extracting(w -> w.source()).containsExactly("role == 'arch'");
        // include_vars' values are compiled when it runs and may read other hosts' facts: every host gathers first
        assertThat(run.get().othersFactsRead()).isTrue();
    }

    @Test
    void aTemplateOrVarsLookup_mayReadOtherHostsVariables_soEveryHostGathersFirst() throws IOException {
        String play = "- hosts: all\n  tasks:\n    - command: \"echo {{ %s }}\"\n";
        Diagnostics d = new Diagnostics();
        assertThat(compile(play.formatted("lookup('template', 'x.j2')"), d).orElseThrow().othersFactsRead()).as(d.toString()).isTrue();
        assertThat(compile(play.formatted("lookup('vars', 'role')"), d).orElseThrow().othersFactsRead()).isTrue();
        assertThat(compile(play.formatted("lookup('env', 'HOME')"), d).orElseThrow().othersFactsRead()).isFalse();
        assertThat(compile(play.formatted("role"), d).orElseThrow().othersFactsRead()).isFalse();
    }

    @Test
    void compile_unknownModule_namesLocationAndSuggestion() throws IOException {
        Diagnostics d = new Diagnostics();
        var run = compile("""
                - hosts: all
                  tasks:
                    - name: x
                      fille: path=/tmp/x state=touch
                """, d);
        assertThat(run).isEmpty();
        assertThat(d.toString()).contains("site.yml:4:7: error: unknown module 'fille' (did you mean 'file'?)")
                .contains("known: command, file, shell");
    }

    @Test
    void compile_unknownArgument_namesModuleArgumentAndKnownOnes() throws IOException {
        Diagnostics d = new Diagnostics();
        compile("""
                - hosts: all
                  tasks:
                    - file:
                        path: /tmp/x
                        stat: touch
                """, d);
        assertThat(d.toString()).contains("site.yml:5:9: error: unknown argument 'stat' for module 'file' (did you mean 'state'?)");
    }

    @Test
    void compile_badChoice_isRejectedBeforeRun() throws IOException {
        Diagnostics d = new Diagnostics();
        compile("""
                - hosts: all
                  tasks:
                    - file: {path: /tmp/x, state: present}
                """, d);
        assertThat(d.toString()).contains("must be one of [file, directory, absent, link, touch], got 'present'");
    }

    @Test
    void compile_undefinedVariable_inWhen_isAnError() throws IOException {
        Diagnostics d = new Diagnostics();
        compile("""
                - hosts: all
                  tasks:
                    - file: path=/tmp/x state=touch
                      when: undefined_thing == 1
                """, d);
        assertThat(d.toString()).contains("site.yml:4:13").contains("undefined variable 'undefined_thing'");
    }

    @Test
    void compile_javaClassInExpression_isRejected() throws IOException {
        Diagnostics d = new Diagnostics();
        compile("""
                - hosts: all
                  tasks:
                    - file: path=/tmp/x state=touch
                      when: Runtime.getRuntime() != null
                """, d);
        assertThat(d.hasErrors()).isTrue();
        assertThat(d.toString()).contains("site.yml:4:");
    }

    @Test
    void compile_needsCycle_namesThePath() throws IOException {
        Diagnostics d = new Diagnostics();
        var run = compile("""
                - hosts: k8s-master
                  tasks:
                    - name: a
                      command: "true"
                      needs: b
                    - name: b
                      command: "true"
                """, d);
        assertThat(run).isEmpty();
        assertThat(d.toString()).contains("dependency cycle: k8s-master/a -> k8s-master/b -> k8s-master/a");
    }

    @Test
    void compile_registeredResultReadByOtherHost_addsCrossHostEdge() throws IOException {
        Diagnostics d = new Diagnostics();
        CompiledRun run = compile("""
                - hosts: master
                  tasks:
                    - name: init
                      command: echo join-cmd
                      register: init
                - hosts: workers
                  tasks:
                    - name: join
                      command: "{{ hostvars['k8s-master'].init.stdout }}"
                """, d).orElseThrow();
        ExecutionGraph g = run.graph();
        TaskNode join = g.nodes("k8s-slave1").get(0);
        assertThat(g.waitsFor(join)).singleElement()
                .satisfies(e -> assertThat(e.from().label()).isEqualTo("k8s-master/init"))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(ExecutionGraph.EdgeKind.REGISTERED));
        assertThat(DotWriter.dot(g)).contains("color=red");
        String svg = SvgWriter.svg(g);
        assertThat(svg).contains(">k8s-master</text>", ">k8s-slave2</text>", ">join</text>").contains("stroke=\"#c00\"");
        assertThat(svg.split("stroke=\"#c00\"", -1)).as("one red edge per worker").hasSize(3);
        assertThat(SvgWriter.html(g)).startsWith("<!DOCTYPE html>").contains("<svg");
    }

    @Test
    void compile_handler_flushesAfterSectionOnlyWhereNotified() throws IOException {
        Diagnostics d = new Diagnostics();
        CompiledRun run = compile("""
                - hosts: all
                  tasks:
                    - name: conf
                      file: path=/tmp/x state=touch
                      notify: restart
                      when: inventory_hostname == 'k8s-master'
                    - name: after
                      command: "true"
                  handlers:
                    - name: restart
                      command: "true"
                """, d).orElseThrow();
        List<TaskNode> nodes = run.graph().nodes("k8s-master");
        assertThat(nodes).extracting(n -> n.task().name()).containsExactly("conf", "after", "restart");
        assertThat(run.graph().notifiers(nodes.get(2))).extracting(TaskNode::label).containsExactly("k8s-master/conf");
    }

    @Test
    void compile_notifyUnknownHandler_isAnError() throws IOException {
        Diagnostics d = new Diagnostics();
        compile("""
                - hosts: all
                  tasks:
                    - file: path=/tmp/x state=touch
                      notify: restrat
                  handlers:
                    - name: restart
                      command: "true"
                """, d);
        assertThat(d.toString()).contains("notify names no handler 'restrat' (did you mean 'restart'?)");
    }

    @Test
    void compile_tagsAndLimit_selectNodes() throws IOException {
        Diagnostics d = new Diagnostics();
        CompiledRun run = compile("""
                - hosts: all
                  tasks:
                    - name: a
                      command: "true"
                      tags: [one]
                    - name: b
                      command: "true"
                      tags: [two]
                    - name: c
                      command: "true"
                      tags: [always]
                """, d, new CompileOptions(Map.of(), "workers:!k8s-slave2", Set.of("one"), Set.of())).orElseThrow();
        assertThat(run.graph().hosts()).containsExactly("k8s-slave1");
        assertThat(run.graph().nodes("k8s-slave1")).extracting(n -> n.task().name()).containsExactly("a", "c");
    }

    @Test
    void compile_freeFormCommand_keepsCommandAndGuards() throws IOException {
        Diagnostics d = new Diagnostics();
        CompiledRun run = compile("""
                - hosts: k8s-master
                  tasks:
                    - command: creates=/etc/x kubeadm init --config "/root/my file.yaml"
                """, d).orElseThrow();
        Map<String, Object> args = run.graph().nodes("k8s-master").get(0).task().args();
        assertThat(args).containsEntry("creates", "/etc/x").containsEntry("_raw", "kubeadm init --config \"/root/my file.yaml\"");
    }

    @Test
    void block_rescueAndAlways_areEdgesOfTheHostsLane() throws IOException {
        Diagnostics d = new Diagnostics();
        var run = compile("""
                - hosts: k8s-master
                  tasks:
                    - block:
                        - {name: b1, command: "true"}
                        - {name: b2, command: "true"}
                      rescue:
                        - {name: r1, command: "true"}
                      always:
                        - {name: a1, command: "true"}
                """, d).orElseThrow(() -> new AssertionError(d));
        var edges = run.graph().edges().stream()
                .filter(e -> e.kind() == ExecutionGraph.EdgeKind.RESCUE || e.kind() == ExecutionGraph.EdgeKind.ALWAYS)
                .map(e -> e.from().task().name() + " -" + e.kind().name().toLowerCase() + "-> " + e.to().task().name()).toList();
        assertThat(edges).containsExactlyInAnyOrder("b2 -rescue-> r1", "r1 -always-> a1");
        assertThat(DotWriter.dot(run.graph())).contains("[label=\"rescue\", color=blue]");
        assertThat(run.graph().waitsFor(run.graph().nodes("k8s-master").get(2))).isEmpty();
    }

    @Test
    void runOnce_chainsTheBatchsNodesInHostOrder_shownAsRunOnceEdges() throws IOException {
        Diagnostics d = new Diagnostics();
        var run = compile("""
                - hosts: all
                  serial: 2
                  tasks:
                    - {name: each, command: "true"}
                    - {name: once, command: "true", run_once: true, register: o}
                """, d).orElseThrow(() -> new AssertionError(d));
        var edges = run.graph().edges().stream().filter(e -> e.kind() == ExecutionGraph.EdgeKind.RUN_ONCE)
                .map(e -> e.from().label() + " -> " + e.to().label()).toList();
        assertThat(edges).containsExactly("k8s-master/once -> k8s-slave1/once");
        TaskNode slave1 = run.graph().nodes("k8s-slave1").get(1);
        assertThat(run.graph().runOnceFirst(slave1).host()).isEqualTo("k8s-master");
        assertThat(run.graph().runOnceBefore(run.graph().nodes("k8s-slave2").get(1))).as("a batch of its own").isNull();
        assertThat(DotWriter.dot(run.graph())).contains("[label=\"run_once\", color=red, penwidth=2]");
    }

    @Test
    void runOnce_withNotify_orOnAPlay_isRefusedAtItsKey() throws IOException {
        Diagnostics d = new Diagnostics();
        compile("""
                - hosts: all
                  run_once: true
                  tasks:
                    - {name: once, command: "true", run_once: true, notify: h}
                """, d);
        assertThat(d.toString()).contains("site.yml:2:3: error: 'run_once' is not supported: set run_once on the tasks")
                .contains("site.yml:4:37: error: run_once with notify is not supported yet");
    }

    @Test
    void remoteUser_isAcceptedWhereItNamesTheUserRiggerConnectsAs_elseAnErrorAtItsKey() throws IOException {
        Diagnostics d = new Diagnostics();
        assertThat(compile("""
                - hosts: all
                  remote_user: root
                  tasks:
                    - {name: a, command: "true", remote_user: root}
                """, d)).as(d.toString()).isPresent();
        compile("""
                - hosts: all
                  remote_user: deploy
                  tasks:
                    - block:
                        - {name: a, command: "true"}
                      remote_user: "{{ who }}"
                """, d);
        assertThat(d.toString()).contains("site.yml:2:3: error: remote_user: deploy differs from the user Rigger connects to "
                        + "k8s-master (and 2 more) as, 'root'")
                .contains("set ansible_user: deploy for the hosts in the inventory, or run with -u deploy")
                .contains("site.yml:6:7: error: remote_user: a template (or no value) is not supported");
    }
}
