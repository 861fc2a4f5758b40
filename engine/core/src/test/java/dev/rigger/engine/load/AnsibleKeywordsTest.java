package dev.rigger.engine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.load.AnsibleKeywords.Rule;
import dev.rigger.engine.load.AnsibleKeywords.Where;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing silently ignored: every play, block, task and loop_control keyword of Ansible 2.14
 * and of a role entry (ansible-core's own attribute lists, kept in {@code ansible-2.14-keywords.txt} and checked
 * against a live ansible-core when /usr/bin/python3 has it) is implemented or refused at load,
 * at its key, with what to do instead; docs/ansible-keywords.md is the same table.
 */
class AnsibleKeywordsTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String OTHER = "rigger-test-other-value";

    @TempDir
    Path dir;

    /** "PLAY hosts", "TASK async_val", ...: ansible-core 2.14's FieldAttributes per class. */
    static List<String> ansibleKeywords() throws IOException {
        try (InputStream in = AnsibleKeywordsTest.class.getResourceAsStream("/load/ansible-2.14-keywords.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    @Test
    void snapshot_isWhatAnsibleCoreLists() throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", """
                import ansible
                assert ansible.__version__.startswith('2.14'), ansible.__version__
                from ansible.playbook.play import Play
                from ansible.playbook.task import Task
                from ansible.playbook.block import Block
                from ansible.playbook.handler import Handler
                from ansible.playbook.loop_control import LoopControl
                from ansible.playbook.role import Role
                for n, c in (('PLAY', Play), ('BLOCK', Block), ('TASK', Task), ('HANDLER', Handler), ('LOOP_CONTROL', LoopControl),
                             ('ROLE', Role)):
                    for a in sorted(c.fattributes):
                        print(n, a)
                """).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor() == 0, "no ansible-core 2.14 at " + PYTHON + ": " + out);
        assertThat(out.lines().toList()).isEqualTo(ansibleKeywords());
    }

    @Test
    void everyAnsibleKeyword_isImplementedOrRefused() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String line : ansibleKeywords()) {
            String[] kw = line.split(" ");
            if (kw[0].equals("LOOP_CONTROL")) {
                if (!AnsibleKeywords.loopControl().containsKey(kw[1])) missing.add(line);
                continue;
            }
            if (kw[0].equals("ROLE")) {
                // a role entry's keywords are read as a block's (RoleLoader, Inherited); any other key is a role param
                if (!AnsibleKeywords.ROLE.contains(kw[1]) || AnsibleKeywords.rule(Where.BLOCK, kw[1]) == null) missing.add(line);
                continue;
            }
            Where w = kw[0].equals("HANDLER") ? Where.TASK : Where.valueOf(kw[0]);
            for (String key : yamlKeys(kw[1])) {
                if (AnsibleKeywords.rule(w, key) == null) missing.add(w + " " + key);
            }
        }
        assertThat(missing).isEmpty();
    }

    /** The YAML keys behind an attribute: async_val is written async, loop_with is every with_<lookup>. */
    private static List<String> yamlKeys(String attribute) {
        return switch (attribute) {
            case "async_val" -> List.of("async");
            case "loop_with" -> List.of("with_items", "with_list", "with_dict", "with_nested", "with_together",
                    "with_subelements", "with_fileglob", "with_sequence", "with_first_found");
            default -> List.of(attribute);
        };
    }

    /** A role entry's keywords are a block's: each one Rigger implements on a block reaches the role's tasks, any other is refused. */
    @Test
    void everyRoleKeyword_isReadForTheRolesTasks_orRefusedAtItsKey() throws IOException {
        Files.createDirectories(dir.resolve("roles/r/tasks"));
        Files.writeString(dir.resolve("roles/r/tasks/main.yml"), "- debug: {msg: x}\n");
        for (String k : AnsibleKeywords.ROLE) {
            Rule r = AnsibleKeywords.rule(Where.BLOCK, k);
            if (r.implemented()) {
                assertThat(k).as("read by RoleLoader").isIn(union(RoleLoader.READ, Inherited.KEYS, java.util.Set.of("name")));
                continue;
            }
            Files.writeString(dir.resolve("site.yml"), "- hosts: all\n  roles:\n    - role: r\n      " + k + ": " + OTHER + "\n");
            Diagnostics d = new Diagnostics();
            new PlaybookLoader().load(dir.resolve("site.yml"), d);
            assertThat(d.toString()).as(k).contains("site.yml:4:7: error: '" + k).contains("is not supported").contains(r.instead());
        }
    }

    @SafeVarargs
    private static java.util.Set<String> union(java.util.Set<String>... sets) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (var s : sets) out.addAll(s);
        return out;
    }

    @Test
    void everyRefusal_isAnErrorAtItsKey_sayingWhatToDoInstead() throws IOException {
        for (Where w : Where.values()) {
            for (String k : AnsibleKeywords.keywords(w)) {
                Rule r = AnsibleKeywords.rule(w, k);
                if (r.implemented()) continue;
                Diagnostics d = load(w, k, OTHER);
                assertThat(d.toString()).as(w + " " + k)
                        .contains("site.yml:" + line(w) + ":" + column(w) + ": error: '" + k)
                        .contains("is not supported")
                        .contains(r.instead());
            }
        }
    }

    @Test
    void valuesImplemented_areAccepted() throws IOException {
        assertThat(load(Where.PLAY, "gather_facts", "false").toString()).isEmpty();
        assertThat(load(Where.PLAY, "gather_facts", "no").toString()).isEmpty();
        assertThat(load(Where.PLAY, "gather_facts", "true").toString()).isEmpty();
        assertThat(load(Where.PLAY, "gather_subset", "[network, '!min']").toString()).isEmpty();
        assertThat(load(Where.PLAY, "become_user", "root").toString()).isEmpty();
        assertThat(load(Where.TASK, "become_user", "root").toString()).isEmpty();
        assertThat(load(Where.TASK, "become_method", "sudo").toString()).isEmpty();
        assertThat(load(Where.TASK, "become_method", "su").toString()).isEmpty();
        assertThat(load(Where.TASK, "become_user", "postgres").toString()).isEmpty();
        assertThat(load(Where.BLOCK, "become_user", "'{{ app_user }}'").toString()).isEmpty();
        assertThat(load(Where.PLAY, "strategy", "free").toString()).isEmpty();
        assertThat(load(Where.PLAY, "order", "inventory").toString()).isEmpty();
        assertThat(load(Where.PLAY, "order", "reverse_sorted").toString()).isEmpty();
        assertThat(load(Where.PLAY, "order", "random").toString()).contains("site.yml:2:10: error: order is one of inventory, reverse_inventory");
        assertThat(load(Where.TASK, "throttle", "2").toString()).isEmpty();
        assertThat(load(Where.PLAY, "ignore_unreachable", "true").toString()).isEmpty();
        assertThat(load(Where.BLOCK, "throttle", "'{{ n }}'").toString()).contains("throttle is a whole number");
        assertThat(load(Where.PLAY, "any_errors_fatal", "true").toString()).isEmpty();
        assertThat(load(Where.PLAY, "serial", "[1, '30%']").toString()).isEmpty();
        assertThat(load(Where.PLAY, "max_fail_percentage", "25").toString()).isEmpty();
        assertThat(load(Where.PLAY, "connection", "ssh").toString()).isEmpty();
        assertThat(load(Where.TASK, "connection", "local").toString()).isEmpty();
        assertThat(load(Where.TASK, "delegate_to", "localhost").toString()).isEmpty();
        assertThat(load(Where.TASK, "with_list", "[1, 2]").toString()).isEmpty();
    }

    @Test
    void silentlyIgnoredBefore_areNowRefused() throws IOException {
        assertThat(load(Where.TASK, "any_errors_fatal", "true").toString())
                .contains("site.yml:5:7: error: 'any_errors_fatal: true' is not supported (only any_errors_fatal: false)");
        assertThat(load(Where.PLAY, "gather_timeout", "10").toString())
                .contains("site.yml:2:3: error: 'gather_timeout' is not supported: remove it");
        assertThat(load(Where.TASK, "become_method", "runas").toString())
                .contains("site.yml:5:7: error: 'become_method: runas' is not supported (only become_method: sudo or su)");
        assertThat(load(Where.TASK, "with_lines", "'cat x'").toString())
                .contains("'with_lines' is not supported: Rigger runs with_items, with_list, with_dict")
                .contains("write loop: with a filter or lookup instead");
        assertThat(load(Where.TASK, "with_dict", "{a: 1}").toString()).isEmpty();
        // with_X is query('X', ...) for every lookup Rigger has, under its routed names too
        assertThat(load(Where.TASK, "with_fileglob", "'*.conf'").toString()).isEmpty();
        assertThat(load(Where.TASK, "with_first_found", "[a.yml]").toString()).isEmpty();
        assertThat(load(Where.TASK, "with_ansible.builtin.items", "[1]").toString()).isEmpty();
        assertThat(load(Where.TASK, "with_community.general.flattened", "[[1]]").toString()).isEmpty();
    }

    @Test
    void delegation_isReadFromTaskBlockLocalActionAndConnection() throws IOException {
        Files.writeString(dir.resolve("site.yml"), """
                - hosts: all
                  tasks:
                    - debug: {msg: a}
                      delegate_to: "{{ groups.db[0] }}"
                      delegate_facts: true
                    - local_action: command echo hi
                    - local_action: {module: copy, dest: /tmp/x, content: y}
                    - debug: {msg: b}
                      connection: local
                    - delegate_to: node9
                      block:
                        - debug: {msg: c}
                        - debug: {msg: d}
                          delegate_to: own
                """);
        Diagnostics d = new Diagnostics();
        var tasks = new PlaybookLoader().load(dir.resolve("site.yml"), d).orElseThrow().plays().get(0).tasks();
        assertThat(d.list()).isEmpty();
        assertThat(tasks.get(0).delegation().to().source()).isEqualTo("{{ groups.db[0] }}");
        assertThat(tasks.get(0).delegation().facts()).isTrue();
        assertThat(tasks.get(1).module()).isEqualTo("command");
        assertThat(tasks.get(1).delegation().to().source()).isEqualTo("localhost");
        assertThat(tasks.get(2).module()).isEqualTo("copy");
        assertThat(tasks.get(2).args().toString()).contains("dest").doesNotContain("module");
        assertThat(tasks.get(3).delegation().local()).isTrue();
        assertThat(tasks.get(4).delegation().to().source()).isEqualTo("node9");
        assertThat(tasks.get(5).delegation().to().source()).isEqualTo("own");
    }

    @Test
    void delegation_thatDoesNothingOrCannotBeRead_isAnError() throws IOException {
        assertThat(load(Where.TASK, "delegate_facts", "true").toString())
                .contains("site.yml:5:7: error: delegate_facts without delegate_to beside it");
        Files.writeString(dir.resolve("site.yml"), "- hosts: all\n  tasks:\n    - local_action: {msg: hi}\n");
        Diagnostics la = new Diagnostics();
        new PlaybookLoader().load(dir.resolve("site.yml"), la);
        assertThat(la.toString()).contains("site.yml:3:21: error: local_action is 'MODULE ARGS' or a mapping with module:")
                .doesNotContain("no module call");
        assertThat(load(Where.PLAY, "connection", "local").toString())
                .contains("site.yml:2:3: error: connection: local on a play would gather this machine's facts");
        Files.writeString(dir.resolve("site.yml"), "- hosts: all\n  connection: local\n  gather_facts: false\n  tasks:\n    - debug: {msg: hi}\n");
        Diagnostics d = new Diagnostics();
        var pb = new PlaybookLoader().load(dir.resolve("site.yml"), d).orElseThrow();
        assertThat(d.list()).isEmpty();
        assertThat(pb.plays().get(0).tasks().get(0).delegation().local()).isTrue();
    }

    @Test
    void environment_layersPlayRoleBlockTask_outermostFirst() throws IOException {
        Files.writeString(dir.resolve("site.yml"), """
                - hosts: all
                  gather_facts: false
                  environment: {A: play}
                  tasks:
                    - environment: "{{ block_env }}"
                      block:
                        - debug: {msg: a}
                          environment: {A: task}
                """);
        Diagnostics d = new Diagnostics();
        var task = new PlaybookLoader().load(dir.resolve("site.yml"), d).orElseThrow().plays().get(0).tasks().get(0);
        assertThat(d.list()).isEmpty();
        assertThat(task.environment()).containsExactly(Map.of("A", "play"), "{{ block_env }}", Map.of("A", "task"));
        assertThat(load(Where.TASK, "environment", "[A, B]").toString())
                .contains("site.yml:5:20: error: environment is a mapping of variable names to values, or a template giving one");
    }

    @Test
    void becomeUser_innermostWins_methodAndUserEachInherited() throws IOException {
        Files.writeString(dir.resolve("site.yml"), """
                - hosts: all
                  become_user: app
                  tasks:
                    - become_method: su
                      block:
                        - debug: {msg: a}
                        - debug: {msg: b}
                          become_user: root
                """);
        Diagnostics d = new Diagnostics();
        var tasks = new PlaybookLoader().load(dir.resolve("site.yml"), d).orElseThrow().plays().get(0).tasks();
        assertThat(d.list()).isEmpty();
        assertThat(tasks.get(0).becomeAs().user().source()).isEqualTo("app");
        assertThat(tasks.get(0).becomeAs().method()).isEqualTo("su");
        assertThat(tasks.get(1).becomeAs().user().source()).isEqualTo("root");
        assertThat(tasks.get(1).becomeAs().method()).isEqualTo("su");
    }

    @Test
    void meta_actionsRiggerDoesNotRun_areRefusedAtTheirValue_sayingWhy() throws IOException {
        assertThat(meta("refresh_inventory", "")).contains("site.yml:3:13: error: 'meta: refresh_inventory' is not supported: "
                + "Rigger reads the inventory once");
        assertThat(meta("end_play", "\n      when: x")).isEmpty();
        assertThat(meta("end_batch", "")).isEmpty();
        assertThat(meta("clear_host_errors", "\n      when: x")).isEmpty();
        assertThat(meta("refresh_inventory", "")).contains("'meta: refresh_inventory' is not supported");
        assertThat(meta("flush_everything", "")).contains("unknown meta action 'flush_everything'");
        assertThat(meta("flush_handlers", "\n      when: x")).contains("site.yml:4:7: error: Ansible flushes handlers whatever when says");
        assertThat(meta("clear_facts", "\n      when: x")).contains("Rigger clears each host's own, so remove when");
        assertThat(meta("noop", "")).isEmpty();
        assertThat(meta("end_host", "\n      when: x")).isEmpty();
        assertThat(meta("reset_connection", "\n      when: x")).isEmpty();
        Files.writeString(dir.resolve("site.yml"), "- hosts: all\n  tasks:\n    - block:\n        - meta: flush_handlers\n");
        Diagnostics d = new Diagnostics();
        new PlaybookLoader().load(dir.resolve("site.yml"), d);
        assertThat(d.toString()).contains("meta: flush_handlers in a block is not supported yet");
    }

    private String meta(String action, String more) throws IOException {
        Files.writeString(dir.resolve("site.yml"), "- hosts: all\n  tasks:\n    - meta: " + action + more + "\n");
        Diagnostics d = new Diagnostics();
        new PlaybookLoader().load(dir.resolve("site.yml"), d);
        return d.toString();
    }

    @Test
    void serial_thatIsNoBatchSize_isAnError() throws IOException {
        assertThat(load(Where.PLAY, "serial", "'{{ n }}'").toString())
                .contains("site.yml:2:11: error: a serial batch size is a whole number or a percentage like 30% (a template");
        assertThat(load(Where.PLAY, "max_fail_percentage", "lots").toString()).contains("max_fail_percentage is a number from 0 to 100");
    }

    @Test
    void loopControl_refusesWhatItDoesNotImplement() throws IOException {
        Diagnostics d = load(Where.TASK, "loop_control", "{loop_var: x, label: '{{ x }}', pause: 1, pauze: 1}");
        assertThat(d.toString()).contains("loop_control 'pause' is not supported")
                .contains("unknown loop_control key 'pauze'").doesNotContain("'label'");
        assertThat(load(Where.TASK, "loop_control", "{loop_var: x}").toString()).isEmpty();
    }

    @Test
    void playTags_applyToItsTasks() throws IOException {
        Files.writeString(dir.resolve("site.yml"), "- hosts: all\n  tags: [web]\n  tasks:\n    - debug: {msg: hi}\n      tags: one\n");
        Diagnostics d = new Diagnostics();
        var pb = new PlaybookLoader().load(dir.resolve("site.yml"), d).orElseThrow();
        assertThat(d.list()).isEmpty();
        assertThat(pb.plays().get(0).tasks().get(0).tags()).containsExactlyInAnyOrder("one", "web");
    }

    /** docs/ansible-keywords.md holds this table; on a change, target/ansible-keywords-table.md holds the new table. */
    @Test
    void docsTable_isCurrent() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).resolve("../../docs/ansible-keywords.md").normalize();
        String table = table();
        Files.writeString(Path.of("target/ansible-keywords-table.md"), table);
        String text = Files.exists(doc) ? Files.readString(doc) : "";
        assertThat(text).as("docs/ansible-keywords.md between the table markers").contains(table);
    }

    static String table() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        for (Where w : Where.values()) {
            for (String k : AnsibleKeywords.keywords(w)) {
                Rule r = AnsibleKeywords.rule(w, k);
                String status = r.implemented() ? "implemented" : r.refused() ? "refused: " + r.instead()
                        : "only `" + r.accepted() + "`; otherwise refused: " + r.instead();
                String where = w.name().toLowerCase() + (w == Where.BLOCK && AnsibleKeywords.ROLE.contains(k) ? ", role entry" : "");
                rows.merge(k + "\0" + status, where, (a, b) -> a + ", " + b);
            }
        }
        StringBuilder sb = new StringBuilder("<!-- table: AnsibleKeywordsTest -->\n| keyword | where | Rigger |\n|---|---|---|\n");
        rows.forEach((k, where) -> sb.append("| `").append(k, 0, k.indexOf('\0')).append("` | ").append(where)
                .append(" | ").append(k.substring(k.indexOf('\0') + 1)).append(" |\n"));
        sb.append("| ").append(String.join(", ", dev.rigger.engine.model.LoopControl.LOOKUPS.stream().map(l -> "`with_" + l + "`").toList()))
                .append(" | task | implemented (the items of Ansible's lookup of that name) |\n");
        sb.append("| other `with_<lookup>` | task | refused: ").append(AnsibleKeywords.rule(Where.TASK, "with_lines").instead()).append(" |\n");
        AnsibleKeywords.loopControl().forEach((k, instead) -> sb.append("| `loop_control.").append(k).append("` | task | ")
                .append(instead == null ? "implemented" : "refused: " + instead).append(" |\n"));
        return sb.append("<!-- end table -->\n").toString();
    }

    private static int line(Where w) {
        return w == Where.PLAY ? 2 : 5;
    }

    private static int column(Where w) {
        return w == Where.PLAY ? 3 : 7;
    }

    /** A play with {@code k: value} on the play (line 2) or on its one task or block (line 5). */
    private Diagnostics load(Where w, String k, String value) throws IOException {
        String yaml = switch (w) {
            case PLAY -> "- hosts: all\n  " + k + ": " + value + "\n  tasks:\n    - debug: {msg: hi}\n";
            case TASK -> "- hosts: all\n  tasks:\n    - name: t\n      debug: {msg: hi}\n      " + k + ": " + value + "\n";
            case BLOCK -> "- hosts: all\n  tasks:\n    - name: b\n      block: [{debug: {msg: hi}}]\n      " + k + ": " + value + "\n";
        };
        if (w == Where.BLOCK && k.equals("block")) {
            yaml = "- hosts: all\n  tasks:\n    - name: b\n      rescue: []\n      block: " + value + "\n";
        }
        Files.writeString(dir.resolve("site.yml"), yaml);
        Diagnostics d = new Diagnostics();
        new PlaybookLoader().load(dir.resolve("site.yml"), d);
        return d;
    }
}
