package dev.rigger.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.inventory.InventoryHost;
import dev.rigger.engine.load.PlaybookLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serial batches as Ansible cuts them (its own {@code PlaybookExecutor._get_serialized_batches}
 * run on the same sizes when /usr/bin/python3 has ansible-core), and the gates they put in the
 * graph: a batch's first nodes wait for the batch before, the next play for the last batch.
 */
class SerialBatchesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<List<Object>> SIZES = List.of(List.of(), List.of(1), List.of(2), List.of(3), List.of(0),
            List.of(1, 2), List.of(1, 2, 10), List.of("30%"), List.of("10%"), List.of("0%"), List.of("50%", 1),
            List.of(1, "40%"), List.of(100), List.of(2, 0));

    @TempDir
    Path dir;

    @Test
    void sameBatchesAsAnsible() throws Exception {
        List<String> hosts = List.of("a", "b", "c", "d", "e", "f", "g");
        List<List<List<String>>> ours = new ArrayList<>();
        for (List<Object> s : SIZES) ours.add(SerialBatches.of(s, hosts));
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", """
                import json, sys
                from types import SimpleNamespace
                from ansible.executor.playbook_executor import PlaybookExecutor
                req = json.load(sys.stdin)
                out = []
                for serial in req['sizes']:
                    me = SimpleNamespace(_inventory=SimpleNamespace(get_hosts=lambda pattern, order: list(req['hosts'])))
                    out.append(PlaybookExecutor._get_serialized_batches(me, SimpleNamespace(hosts='all', order=None, serial=serial)))
                print(json.dumps(out))
                """).redirectErrorStream(true).start();
        p.getOutputStream().write(JSON.writeValueAsBytes(Map.of("hosts", hosts, "sizes", SIZES)));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor() == 0, "no ansible-core at /usr/bin/python3: " + out);
        assertThat(JSON.writeValueAsString(ours)).isEqualTo(JSON.writeValueAsString(JSON.readTree(out)));
    }

    @Test
    void knownCuts() {
        List<String> five = List.of("a", "b", "c", "d", "e");
        assertThat(SerialBatches.of(List.of(2), five)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(SerialBatches.of(List.of(1, "40%"), five)).containsExactly(List.of("a"), List.of("b", "c"), List.of("d", "e"));
        assertThat(SerialBatches.of(List.of(), five)).containsExactly(five);
    }

    @Test
    void batchEnds_areGatesInTheGraph_andTheNextPlayWaitsForTheLastBatch() throws Exception {
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, """
                - hosts: all
                  serial: 2
                  tasks:
                    - {name: one, command: "true"}
                    - {name: two, command: "true"}
                - hosts: all
                  tasks:
                    - {name: three, command: "true"}
                """);
        Diagnostics d = new Diagnostics();
        var book = new PlaybookLoader().load(pb, d).orElseThrow();
        List<InventoryHost> hosts = List.of(CompilerTest.host("a"), CompilerTest.host("b"), CompilerTest.host("c"));
        CompiledRun run = new Compiler(TestModules.registry()).compile(List.of(book), Inventory.of(hosts, Map.of()),
                CompileOptions.defaults(), d).orElseThrow(() -> new AssertionError(d));
        ExecutionGraph g = run.graph();
        TaskNode cOne = g.nodes("c").get(0);
        assertThat(g.gate(cOne).after()).extracting(TaskNode::label).containsExactly("a/two", "b/two");
        assertThat(g.gate(cOne).endOfBatch()).isTrue();
        assertThat(g.incoming(cOne)).filteredOn(e -> e.kind() == ExecutionGraph.EdgeKind.BATCH).hasSize(2);
        assertThat(g.batchOf(cOne)).containsExactly("c");
        for (String h : List.of("a", "b", "c")) {
            assertThat(g.gate(g.nodes(h).get(2)).after()).as(h).extracting(TaskNode::label).containsExactly("c/two");
        }
        assertThat(g.gate(g.nodes("a").get(0))).isNull();
        assertThat(g.gate(g.nodes("a").get(1))).as("no lockstep without failure rules").isNull();
        assertThat(DotWriter.dot(g)).contains("\"b#1\" -> \"c#0\" [label=\"batch\", color=red, penwidth=2]");
    }

    @Test
    void anyErrorsFatal_putsTheHostsOfABatchInLockstep() throws Exception {
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, """
                - hosts: all
                  any_errors_fatal: true
                  tasks:
                    - {name: one, command: "true"}
                    - {name: two, command: "true"}
                """);
        Diagnostics d = new Diagnostics();
        var book = new PlaybookLoader().load(pb, d).orElseThrow();
        List<InventoryHost> hosts = List.of(CompilerTest.host("a"), CompilerTest.host("b"));
        ExecutionGraph g = new Compiler(TestModules.registry()).compile(List.of(book), Inventory.of(hosts, Map.of()),
                CompileOptions.defaults(), d).orElseThrow(() -> new AssertionError(d)).graph();
        ExecutionGraph.Gate two = g.gate(g.nodes("b").get(1));
        assertThat(two.after()).extracting(TaskNode::label).containsExactly("a/one", "b/one");
        assertThat(two.anyErrorsFatal()).isTrue();
        assertThat(two.endOfBatch()).isFalse();
    }

    @Test
    void endPlay_waitsForEveryHostsTaskBeforeIt_andEveryHostsNextTaskWaitsForIt() throws Exception {
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, """
                - hosts: all
                  tasks:
                    - {name: one, command: "true"}
                    - meta: end_play
                      when: inventory_hostname == 'a'
                    - {name: two, command: "true"}
                """);
        Diagnostics d = new Diagnostics();
        var book = new PlaybookLoader().load(pb, d).orElseThrow();
        List<InventoryHost> hosts = List.of(CompilerTest.host("a"), CompilerTest.host("b"));
        ExecutionGraph g = new Compiler(TestModules.registry()).compile(List.of(book), Inventory.of(hosts, Map.of()),
                CompileOptions.defaults(), d).orElseThrow(() -> new AssertionError(d)).graph();
        // a's end_play runs only once b has run "one" (Ansible's hosts meet at each task)
        assertThat(g.incoming(g.nodes("a").get(1))).filteredOn(e -> e.kind() == ExecutionGraph.EdgeKind.END_PLAY)
                .extracting(e -> e.from().label()).containsExactly("b/one");
        assertThat(g.incoming(g.nodes("b").get(2))).filteredOn(e -> e.kind() == ExecutionGraph.EdgeKind.END_PLAY)
                .extracting(e -> e.from().label()).contains("a/meta", "b/meta");
    }
}
