package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assert} and {@code debug: var:} against ansible-playbook on two local hosts: their
 * expressions are written as in {@code when}; every task appends what it saw to one log, and the
 * two tools must log the same lines (which assertions held per host, what a failed or passed
 * assert registers, the value debug's var registers) and exit with the same code.
 */
class AssertDebugDifferentialTest {
    @TempDir
    Path dir;

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              vars: {x: 5, l: [1, 2], s: text, big: "{{ inventory_hostname == 'h2' }}"}
              tasks:
                - name: holds everywhere
                  assert:
                    that:
                      - x == 5
                      - s is string
                      - l
                      - l | length == 2
                      - "'te' in s"
                - shell: echo "all held {{ inventory_hostname }}" >> {{ out }}/log
                - name: one string, quiet
                  assert: {that: "x > 1 and s != 'other'", quiet: true}
                  register: quiet
                - shell: echo "quiet {{ inventory_hostname }} {{ quiet.msg }} {{ quiet.failed | default('-') }}" >> {{ out }}/log
                - name: holds on h1 only
                  assert:
                    that: [x == 5, not big]
                    fail_msg: "{{ inventory_hostname }} is big"
                    success_msg: "{{ inventory_hostname }} is small"
                  ignore_errors: true
                  register: small
                - shell: echo "small {{ inventory_hostname }} {{ small.failed }} {{ small.msg }}" >> {{ out }}/log
                - name: a variable
                  debug: {var: x}
                  register: dv
                - shell: echo "debug {{ inventory_hostname }} {{ dv.x }}" >> {{ out }}/log
                - name: an expression
                  debug: {var: l | sum}
                  register: de
                - shell: echo "debug {{ inventory_hostname }} {{ de['l | sum'] }}" >> {{ out }}/log
                - name: fails h2
                  assert: {that: not big, msg: stop}
                - shell: echo "after {{ inventory_hostname }}" >> {{ out }}/log
            """;

    @Test
    void assertAndDebugVar_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "ansible-playbook is not installed");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1", "h2"));
        AnsibleBeside.Run a = both.ansible("assert", inv, PLAYBOOK);
        AnsibleBeside.Run r = both.rigger("assert", inv, PLAYBOOK);
        List<String> ansible = a.log().stream().sorted().toList();
        List<String> rigger = r.log().stream().sorted().toList();
        assertThat(rigger).as(a.output() + "\n---\n" + r.output()).isEqualTo(ansible);
        assertThat(ansible).contains("small h2 True h2 is big", "small h1 False h1 is small", "after h1",
                "quiet h1 All assertions passed False", "debug h1 5").doesNotContain("after h2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(a.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains("stop");
    }

    @Test
    void expressionsInBraces_orUnknownNames_areRefusedAtLoad_located() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("inv"), "me ansible_connection=local\n");
        java.nio.file.Files.writeString(dir.resolve("pb.yml"), """
                - hosts: all
                  gather_facts: false
                  vars: {x: 5}
                  tasks:
                    - assert:
                        that: ["{{ x == 5 }}"]
                    - debug: {var: y}
                """);
        Cli.Result r = Cli.run("play", "-i", dir.resolve("inv").toString(), dir.resolve("pb.yml").toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(4);
        assertThat(r.all()).contains("pb.yml:6:9: error: 'that' takes expressions as when: does: write them without {{ }}")
                .contains("pb.yml:7:").contains("undefined variable 'y'");
    }
}
