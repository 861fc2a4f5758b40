package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostic;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IniInventoryTest {
    @TempDir Path dir;
    final Diagnostics diags = new Diagnostics();

    private Inventory load(String text) {
        return Inventory.load(Files2.write(dir, "hosts", text), diags);
    }

    private Location at(int line, int col) {
        return Location.of(dir.resolve("hosts"), line, col);
    }

    @Test
    void anExecutableScript_isRefusedSayingWhatToGiveInstead_whileTheSameTextNotExecutableIsIni() throws java.io.IOException {
        String script = "#!/bin/sh\necho '{\"all\": {\"hosts\": [\"h1\"]}}'\n";
        Path p = Files2.write(dir, "hosts", script);
        p.toFile().setExecutable(true);
        Inventory.load(p, diags);
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(at(1, 1));
            assertThat(d.message()).startsWith("an executable inventory script: Rigger does not run inventory scripts")
                    .contains("ansible-inventory -i " + p + " --list -y > inventory.yml");
        });
        p.toFile().setExecutable(false);
        Diagnostics plain = new Diagnostics();
        Inventory.load(p, plain);
        assertThat(plain.list()).noneMatch(d -> d.message().contains("inventory script"));
    }

    @Test
    void notUtf8_isAnErrorAtTheByte() throws java.io.IOException {
        // Latin-1 'é' (0xE9) followed by a space: not a UTF-8 sequence
        java.nio.file.Files.write(dir.resolve("hosts"), new byte[] {'[', 'w', ']', '\n', 'h', (byte) 0xe9, ' ', 'x', '=', '1', '\n'});
        Inventory.load(dir.resolve("hosts"), diags);
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(at(2, 2));
            assertThat(d.message()).startsWith("not UTF-8: byte 0xE9");
        });
    }

    @Test
    void notUtf8_inGroupVars_isAnErrorAtTheByte() throws java.io.IOException {
        Path inv = Files2.write(dir, "hosts", "[web]\nh1\n");
        Files2.write(dir, "group_vars/web.yml", "a: 1\n");
        java.nio.file.Files.write(dir.resolve("group_vars/web.yml"), new byte[] {'a', ':', ' ', (byte) 0xc3});
        Inventory.load(inv, diags);
        assertThat(diags.toString()).contains("web.yml:1:4: error: not UTF-8: byte 0xC3");
    }

    @Test
    void ini_k8sLab_parsesIntoMasterAndWorkers() {
        Inventory inv = load("""
                [master]
                k8s-master ansible_host=127.0.10.1 ansible_user=root ansible_ssh_private_key_file=/srv/rigger-lab/ssh/id_ed25519
                [workers]
                k8s-slave1 ansible_host=127.0.10.2 ansible_user=root ansible_ssh_private_key_file=/srv/rigger-lab/ssh/id_ed25519
                k8s-slave2 ansible_host=127.0.10.3 ansible_user=root ansible_ssh_private_key_file=/srv/rigger-lab/ssh/id_ed25519
                [k8s:children]
                master
                workers
                """);
        assertThat(diags.list()).isEmpty();
        assertThat(inv.hostNames()).containsExactly("k8s-master", "k8s-slave1", "k8s-slave2");
        assertThat(inv.groups().get("master")).containsExactly("k8s-master");
        assertThat(inv.groups().get("workers")).containsExactly("k8s-slave1", "k8s-slave2");
        assertThat(inv.groups().get("k8s")).containsExactly("k8s-master", "k8s-slave1", "k8s-slave2");
        assertThat(inv.groupChildren().get("k8s")).containsExactly("master", "workers");
        assertThat(inv.groupChildren().get("all")).containsExactly("ungrouped", "k8s");
        assertThat(inv.groups().get("ungrouped")).isEmpty();
        assertThat(inv.groupsOf("k8s-slave2")).containsExactlyInAnyOrder("all", "workers", "k8s");
        InventoryHost slave2 = inv.host("k8s-slave2").orElseThrow();
        assertThat(slave2.address()).isEqualTo("127.0.10.3");
        assertThat(slave2.port()).isEqualTo(22);
        assertThat(slave2.user()).isEqualTo("root");
        assertThat(slave2.privateKeyFile()).isEqualTo("/srv/rigger-lab/ssh/id_ed25519");
        assertThat(slave2.connection()).isEqualTo("ssh");
    }

    @Test
    void ini_inlineHostVars_areLiteralEvaluated_afterShlexTookTheQuotesOff() {
        // every value as ansible-inventory 2.14 --host prints it
        Inventory inv = load("web1 n=5 neg=-3 f=1.5 t=True no=False none=None s='5' d=\"a b\" word=yes zero=010 ip=10.0.0.1 l=[1,'x'] a_list=\"[1, 2]\"\n");
        Map<String, Object> v = inv.host("web1").orElseThrow().vars();
        assertThat(v).containsEntry("n", 5).containsEntry("neg", -3).containsEntry("f", 1.5)
                .containsEntry("t", true).containsEntry("no", false).containsEntry("none", null)
                .containsEntry("s", 5).containsEntry("d", "a b").containsEntry("word", "yes")
                .containsEntry("zero", "010").containsEntry("ip", "10.0.0.1")
                .containsEntry("l", "[1,x]").containsEntry("a_list", List.of(1, 2));
        assertThat(diags.list()).isEmpty();
    }

    @Test
    void ini_groupVars_areLiteralEvaluatedAndKeepTextAfterEquals() {
        Inventory inv = load("""
                [web]
                w1
                [web:vars]
                http_port = 8080
                greeting = hello world # not a comment in :vars
                quoted = "80"
                flag=True
                """);
        assertThat(inv.host("w1").orElseThrow().vars())
                .containsEntry("http_port", 8080)
                .containsEntry("greeting", "hello world # not a comment in :vars")
                .containsEntry("quoted", "80")
                .containsEntry("flag", true);
    }

    @Test
    void ini_commentsAndBlankLines_areIgnored() {
        Inventory inv = load("""
                # a comment
                ; another
                [db]   # trailing comment on a header
                  db1 x=1 # trailing comment on a host line

                db2
                """);
        assertThat(diags.list()).isEmpty();
        assertThat(inv.groups().get("db")).containsExactly("db1", "db2");
        assertThat(inv.host("db1").orElseThrow().vars()).containsOnlyKeys("x");
    }

    @Test
    void ini_hostsBeforeAnySection_goToUngrouped() {
        Inventory inv = load("""
                lonely
                both
                [web]
                both
                """);
        assertThat(inv.groups().get("ungrouped")).containsExactly("lonely");
        assertThat(inv.groups().get("all")).containsExactly("lonely", "both");
        assertThat(inv.groupsOf("lonely")).containsExactly("all", "ungrouped");
    }

    @Test
    void ini_numericAndAlphabeticRanges_expand() {
        Inventory inv = load("""
                [nodes]
                node[01:03].example.com
                db-[a:c]
                w[1:7:3]
                """);
        assertThat(inv.hostNames()).containsExactly("node01.example.com", "node02.example.com",
                "node03.example.com", "db-a", "db-b", "db-c", "w1", "w4", "w7");
    }

    @Test
    void ini_hostPortShorthand_setsPortUnlessOverridden() {
        Inventory inv = load("""
                a:2222
                b:2222 ansible_port=2200
                [r]
                r[1:2]:2022
                """);
        assertThat(inv.host("a").orElseThrow().port()).isEqualTo(2222);
        assertThat(inv.host("b").orElseThrow().port()).isEqualTo(2200);
        assertThat(inv.host("r2").orElseThrow().port()).isEqualTo(2022);
        assertThat(inv.host("a").orElseThrow().address()).isEqualTo("a");
    }

    @Test
    void ini_groupChildren_resolveTransitively() {
        Inventory inv = load("""
                [prod:children]
                eu
                [eu:children]
                eu_web
                [eu_web]
                e1
                e2
                [other]
                o1
                """);
        assertThat(diags.list()).isEmpty();
        assertThat(inv.groups().get("prod")).containsExactly("e1", "e2");
        assertThat(inv.groupsOf("e1")).containsExactlyInAnyOrder("all", "prod", "eu", "eu_web");
        assertThat(inv.groupChildren().get("all")).containsExactly("ungrouped", "prod", "other");
        assertThat(inv.groupChildren().get("eu")).containsExactly("eu_web");
    }

    @Test
    void ini_childGroupNeverDefined_isAnErrorAtItsLine() {
        load("""
                [k8s:children]
                master
                  ghosts
                [master]
                m1
                """);
        assertThat(diags.list()).containsExactly(Diagnostic.error(at(3, 3),
                "section [k8s:children] includes undefined group 'ghosts'"));
    }

    @Test
    void ini_varsForUndefinedGroup_isAnError() {
        load("[nope:vars]\nx=1\n");
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.location()).isEqualTo(at(1, 2));
            assertThat(d.message()).contains("undefined group 'nope'");
        });
    }

    @Test
    void ini_unknownSectionType_isAnErrorPointingAtTheType() {
        Inventory inv = load("[web]\nw1\n[web:hosts]\nw2\n");
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(at(3, 6));
            assertThat(d.message()).contains("unknown type 'hosts'");
        });
        assertThat(inv.hostNames()).containsExactly("w1");
    }

    @Test
    void ini_malformedLines_giveErrorsWithLineAndColumn() {
        load("""
                [web]
                w1 ansible_port=22 oops
                w2 x="unterminated
                [bad header]
                [web:vars]
                novalue
                [web:children]
                a:b
                """);
        assertThat(diags.list()).extracting(Diagnostic::location).containsExactly(
                at(2, 20), at(3, 6), at(4, 1), at(6, 1), at(8, 1));
        assertThat(diags.list()).extracting(Diagnostic::message).satisfiesExactly(
                m -> assertThat(m).contains("expected key=value host variable assignment, got: oops"),
                m -> assertThat(m).contains("unterminated"),
                m -> assertThat(m).contains("invalid section header"),
                m -> assertThat(m).contains("expected key=value in [web:vars]"),
                m -> assertThat(m).contains("expected a group name"));
    }

    @Test
    void ini_badVarsLineAndBadRange_areReported() {
        load("""
                [web:vars]
                novalue
                [web]
                w[3:1]
                """);
        assertThat(diags.list()).extracting(Diagnostic::location).containsExactly(at(2, 1), at(4, 2));
        assertThat(diags.list().get(1).message()).contains("begin <= end");
    }

    @Test
    void ini_childLoop_isAnError() {
        load("[a:children]\nb\n[b:children]\na\n");
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("recursive dependency loop");
            assertThat(d.location()).isEqualTo(at(4, 1));
        });
    }

    @Test
    void ini_hostDeclaredTwice_mergesVarsAndKeepsFirstPosition() {
        Inventory inv = load("""
                [a]
                h1 x=1 y=1
                h2
                [b]
                h1 y=2
                """);
        assertThat(inv.hostNames()).containsExactly("h1", "h2");
        assertThat(inv.host("h1").orElseThrow().vars()).containsEntry("x", 1).containsEntry("y", 2);
        assertThat(inv.groupsOf("h1")).contains("a", "b");
    }

    @Test
    void ini_badPort_isAnErrorAtTheHost() {
        Inventory inv = load("[w]\n  h1 ansible_port=http\n");
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(at(2, 3));
            assertThat(d.message()).contains("ansible_port");
        });
        assertThat(inv.host("h1").orElseThrow().port()).isEqualTo(22);
    }

    @Test
    void ini_localConnectionAndRelativeKey_resolve() {
        Inventory inv = load("box ansible_connection=local ansible_ssh_private_key_file=keys/id ansible_user=deploy\n");
        InventoryHost h = inv.host("box").orElseThrow();
        assertThat(h.connection()).isEqualTo("local");
        assertThat(h.user()).isEqualTo("deploy");
        assertThat(h.privateKeyFile()).isEqualTo(dir.toAbsolutePath().resolve("keys/id").toString());
        assertThat(diags.list()).isEmpty();
    }

    @Test
    void ini_tildeKey_expandsToHome() {
        Inventory inv = load("box ansible_ssh_private_key_file=~/.ssh/id\n");
        assertThat(inv.host("box").orElseThrow().privateKeyFile())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".ssh/id").toString());
    }

    @Test
    void ini_unsupportedConnection_isAWarning() {
        load("box ansible_connection=winrm\n");
        assertThat(diags.hasErrors()).isFalse();
        assertThat(diags.list()).singleElement().extracting(Diagnostic::message).asString().contains("winrm");
    }

    @Test
    void ini_paramikoConnection_isSsh_saidAtLoad() {
        Inventory inv = load("box ansible_connection=paramiko\n");
        assertThat(diags.hasErrors()).isFalse();
        assertThat(diags.list()).singleElement().extracting(Diagnostic::message).asString()
                .contains("'paramiko' is reached over SSH", "(ansible_paramiko_*)", "set ansible_connection=ssh");
        assertThat(inv.host("box").orElseThrow().connection()).isEqualTo("ssh");
    }

    @Test
    void load_missingFile_isAnErrorNotAnException() {
        Inventory inv = Inventory.load(dir.resolve("absent"), diags);
        assertThat(inv.hostNames()).isEmpty();
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).contains("not found");
        });
    }
}
