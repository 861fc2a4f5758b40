package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rigger inventory} beside {@code ansible-inventory} 2.14 on the same files: --list and
 * --graph [--vars] and --host text equal; --list --yaml equal as data (the two YAML writers
 * quote differently). Skipped where ansible-inventory is not installed.
 */
class AnsibleInventoryDifferentialTest {
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws IOException {
        // a group with both its own hosts and children: its own hosts were lost from --list
        Files.writeString(dir.resolve("tree.yml"), """
                all:
                  vars:
                    site: one
                  children:
                    web:
                      hosts:
                        w1:
                        w2:
                          port_no: 8080
                      children:
                        canary:
                          hosts:
                            c1:
                      vars:
                        tier: front
                    db:
                      hosts:
                        d1:
                    empty:
                """);
        // inline values as shlex and literal_eval read them: a_list="[1, 2]" is a list
        Files.writeString(dir.resolve("inline.ini"), """
                lone
                [web]
                w1 a_list="[1, 2]" a_dict="{\\"k\\": 1}" n=5 s='5' b=True word=yes zero=010 l=[1,'x'] sp="a b"
                w2
                [db]
                d1
                [web:vars]
                wv="[3]"
                [front:children]
                web
                [empty]
                """);
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/web.yml"), "from_group_vars: [a, b]\nflag: false\n");
    }

    @Test
    void list_graph_host_areAnsibleInventorys() throws Exception {
        for (String inv : List.of("tree.yml", "inline.ini")) {
            for (List<String> args : List.of(List.of("--list"), List.of("--graph"), List.of("--graph", "--vars"), List.of("--graph", "web"),
                    List.of("--host", "w1"), List.of("--host", "w2"))) {
                assertThat(rigger(inv, args)).as(inv + " " + args).isEqualTo(ansible(inv, args));
            }
            String riggerYaml = rigger(inv, List.of("--list", "--yaml"));
            String ansibleYaml = ansible(inv, List.of("--list", "--yaml"));
            // SnakeYAML resolves the anchors PyYAML writes for a value shared by several hosts
            Object riggerTree = new org.yaml.snakeyaml.Yaml().load(riggerYaml);
            assertThat(riggerTree).as(inv + " --list --yaml").isEqualTo(new org.yaml.snakeyaml.Yaml().load(ansibleYaml));
        }
    }

    @Test
    void severalSources_aFolder_andAHostList_areOneInventory() throws Exception {
        Path folder = dir.resolve("inv.d");
        Files.createDirectories(folder.resolve("group_vars"));
        Files.writeString(folder.resolve("hosts"), "[a]\na1\n");
        Files.writeString(folder.resolve("more.yml"), "all:\n  children:\n    b:\n      hosts:\n        b1:\n");
        Files.writeString(folder.resolve("skipped.ini"), "[never]\nn1\n"); // Ansible skips .ini files in a folder
        Files.writeString(folder.resolve("group_vars/a.yml"), "from_folder: 1\n");
        List<String> args = List.of("-i", folder.toString(), "-i", "h1,h2,", "-i", dir.resolve("tree.yml").toString(), "--list");
        var json = new ObjectMapper();
        assertThat(json.readTree(riggerRaw(args))).isEqualTo(json.readTree(ansibleRaw(args)));
        assertThat(riggerRaw(args)).contains("from_folder").doesNotContain("n1");
    }

    /** Playbook-adjacent group_vars/ and host_vars/ beat the inventory's, per group and per host. */
    @Test
    void playbookDir_varsBeatTheInventorys() throws Exception {
        Path books = dir.resolve("books");
        Files.createDirectories(books.resolve("group_vars"));
        Files.createDirectories(books.resolve("host_vars"));
        Files.writeString(books.resolve("group_vars/web.yml"), "flag: true\nbook_only: web\n");
        Files.writeString(books.resolve("group_vars/all.yml"), "site: from-book\n");
        Files.writeString(books.resolve("host_vars/w2.yml"), "port_no: 9090\n");
        for (String host : List.of("w1", "w2", "d1")) {
            List<String> args = List.of("-i", dir.resolve("tree.yml").toString(), "--playbook-dir", books.toString(), "--host", host);
            assertThat(riggerRaw(args)).as(host).isEqualTo(ansibleRaw(args));
        }
        assertThat(riggerRaw(List.of("-i", dir.resolve("tree.yml").toString(), "--playbook-dir", books.toString(), "--host", "w2")))
                .contains("\"flag\": true", "\"port_no\": 9090", "\"site\": \"from-book\"");
    }

    @Test
    void aGroupsOwnHosts_areListedBesideItsChildren() throws Exception {
        var list = new ObjectMapper().readTree(rigger("tree.yml", List.of("--list")));
        assertThat(list.at("/web/hosts").toString()).isEqualTo("[\"w1\",\"w2\"]");
        assertThat(list.at("/web/children").toString()).isEqualTo("[\"canary\"]");
    }

    private String rigger(String inv, List<String> args) {
        List<String> a = new ArrayList<>(List.of("-i", dir.resolve(inv).toString()));
        a.addAll(args);
        return riggerRaw(a);
    }

    private String riggerRaw(List<String> args) {
        List<String> a = new ArrayList<>(List.of("inventory"));
        a.addAll(args);
        Cli.Result r = Cli.run(a.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.all()).isZero();
        return r.out().stripTrailing();
    }

    private String ansible(String inv, List<String> args) throws Exception {
        List<String> a = new ArrayList<>(List.of("-i", dir.resolve(inv).toString()));
        a.addAll(args);
        return ansibleRaw(a);
    }

    private String ansibleRaw(List<String> args) throws Exception {
        assumeThat(Path.of("/usr/bin/ansible-inventory")).exists();
        List<String> cmd = new ArrayList<>(List.of("ansible-inventory"));
        cmd.addAll(args);
        ProcessBuilder b = new ProcessBuilder(cmd).directory(dir.toFile());
        b.environment().put("ANSIBLE_CONFIG", dir.resolve("none.cfg").toString());
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        return out.stripTrailing();
    }
}
