package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

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
 * ansible-playbook's command line on {@code rigger play}: the listings print what
 * ansible-playbook 2.14 prints (compared live when it is installed), connection options sit
 * under the inventory's own variables, and what Rigger cannot do is refused, never ignored.
 * Local connections only: no lab.
 */
class AnsiblePlaybookOptionsTest {
    @TempDir
    Path dir;
    private Path inv;
    private Path pb;

    @BeforeEach
    void setUp() throws IOException {
        inv = dir.resolve("inv.ini");
        Files.writeString(inv, "[web]\nw1 ansible_connection=local\nw2 ansible_connection=local ansible_user=alice\n[db]\nd1 ansible_connection=local\n");
        pb = dir.resolve("pb.yml");
        Files.writeString(pb, """
                - name: first play
                  hosts: web
                  gather_facts: false
                  tasks:
                    - name: say hello
                      command: echo hi
                      tags: [hello, x]
                    - name: who
                      debug:
                        msg: "user={{ ansible_user | default('none') }}"
                    - debug:
                        msg: b
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: on all
                      command: echo all
                      tags: [alltag, never]
                """);
    }

    @Test
    void listings_areAnsiblePlaybooks() throws Exception {
        for (String opt : List.of("--list-hosts", "--list-tasks", "--list-tags")) {
            for (List<String> extra : List.of(List.<String>of(), List.of("--tags", "alltag"), List.of("--skip-tags", "x", "-l", "w1,d1"))) {
                List<String> args = new ArrayList<>(List.of("-i", inv.toString(), pb.toString(), opt));
                args.addAll(extra);
                List<String> cli = new ArrayList<>(List.of("play"));
                cli.addAll(args);
                Cli.Result r = Cli.run(cli.toArray(String[]::new));
                assertThat(r.exitCode()).as(r.all()).isZero();
                String expected = ansiblePlaybook(args);
                assertThat(hostsSorted(r.out())).as(opt + " " + extra).isEqualTo(hostsSorted(expected));
            }
        }
    }

    @Test
    void syntaxCheck_touchesNoHost_andAnErrorIsExit4() throws IOException {
        Cli.Result ok = Cli.run("play", "-i", inv.toString(), pb.toString(), "--syntax-check");
        assertThat(ok.exitCode()).as(ok.all()).isZero();
        assertThat(ok.out()).isEqualTo("\nplaybook: " + pb + "\n").doesNotContain("RECAP");
        Files.writeString(pb, "- hosts: all\n  tasks:\n    - nosuchmodule: {}\n");
        Cli.Result bad = Cli.run("play", "-i", inv.toString(), pb.toString(), "--syntax-check");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(bad.err()).contains("pb.yml:3");
    }

    @Test
    void user_isADefaultUnderTheHostsOwnAnsibleUser() {
        Cli.Result r = Cli.run("play", "-i", inv.toString(), pb.toString(), "-u", "bob", "--skip-tags", "hello");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("w1 / who: user=bob").contains("w2 / who: user=alice");
    }

    @Test
    void groupVarsBesideThePlaybook_beatTheInventorys() throws IOException {
        Path books = Files.createDirectories(dir.resolve("books/group_vars"));
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/web.yml"), "who_says: inventory\n");
        Files.writeString(books.resolve("web.yml"), "who_says: playbook\n");
        Path book = dir.resolve("books/pb.yml");
        Files.writeString(book, "- hosts: web\n  gather_facts: false\n  tasks:\n    - name: say\n      debug:\n        msg: \"{{ who_says }}\"\n");
        Cli.Result r = Cli.run("play", "-i", inv.toString(), book.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).containsPattern("w[12], w[12] / say: playbook").doesNotContain("inventory\n");
    }

    @Test
    void startAtTask_leavesOutTheTasksBefore_andAnUnknownNameIsAnError() {
        Cli.Result r = Cli.run("play", "-i", inv.toString(), pb.toString(), "--start-at-task", "wh?");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("w1 / who").doesNotContain("say hello");
        Cli.Result none = Cli.run("play", "-i", inv.toString(), pb.toString(), "--start-at-task", "nope");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(none.err()).contains("--start-at-task 'nope'");
    }

    @Test
    void whatRiggerCannotDo_isRefusedSayingWhy_beforeAnyHostIsTouched() {
        assertRefused(List.of("--become-method", "doas"), "only sudo and su are implemented");
        assertRefused(List.of("--become-user", "a b"), "no user name");
        assertRefused(List.of("-c", "winrm"), "only the ssh and local connections");
        assertRefused(List.of("--ssh-common-args", "-o StrictHostKeyChecking=no"), "--accept-new-hostkeys");
        assertRefused(List.of("--ssh-extra-args", "-o UserKnownHostsFile=/dev/null"), "host keys are always checked");
        assertRefused(List.of("--ssh-extra-args", "-o ForwardAgent=yes"), "does not forward an SSH agent");
        assertRefused(List.of("--ssh-common-args", "-o ProxyJump=bastion"), "a jump host is not supported yet");
        assertRefused(List.of("--step"), "needs a terminal");   // on a terminal it asks (StepDifferentialTest)
        // a saved plan cannot carry them yet: refused rather than applied differently
        Cli.Result plan = Cli.run("plan", "-i", inv.toString(), pb.toString(), "-o", dir.resolve("p.json").toString(), "-u", "bob");
        assertThat(plan.exitCode()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(plan.err()).contains("not saved in a plan");
    }

    @Test
    void acceptedAnsibleSpellings() {
        Cli.Result r = Cli.run("play", "-i", inv.toString(), pb.toString(), "--flush-cache", "--become-user", "root", "--become-method", "sudo",
                "-c", "local", "-T", "5", "-M", dir.toString(), "--list-tasks");
        assertThat(r.exitCode()).as(r.all()).isZero();
    }

    private void assertRefused(List<String> opts, String says) {
        List<String> args = new ArrayList<>(List.of("play", "-i", inv.toString(), pb.toString()));
        args.addAll(opts);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(opts + ": " + r.all()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(r.err()).as(opts.toString()).contains(says).doesNotContain("RECAP");
    }

    /** ansible-playbook's output for the same arguments (the test is skipped where it is not installed). */
    private String ansiblePlaybook(List<String> args) throws Exception {
        assumeThat(Path.of("/usr/bin/ansible-playbook")).exists();
        List<String> cmd = new ArrayList<>(List.of("ansible-playbook"));
        cmd.addAll(args);
        ProcessBuilder b = new ProcessBuilder(cmd).directory(dir.toFile());
        b.environment().put("ANSIBLE_CONFIG", dir.resolve("none.cfg").toString());
        b.environment().put("ANSIBLE_NOCOLOR", "1");
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        return out;
    }

    /** ansible-playbook lists a play's hosts in no fixed order: each "hosts (n):" block sorted. */
    private static String hostsSorted(String listing) {
        List<String> out = new ArrayList<>();
        List<String> block = null;
        for (String line : listing.split("\n", -1)) {
            if (block != null && line.startsWith("      ") && !line.contains("\t")) {
                block.add(line);
                continue;
            }
            if (block != null) {
                block.sort(null);
                out.addAll(block);
                block = null;
            }
            out.add(line);
            if (line.matches("    hosts \\(\\d+\\):")) block = new ArrayList<>();
        }
        if (block != null) out.addAll(block.stream().sorted().toList());
        return String.join("\n", out);
    }
}
