package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ignore_unreachable} against ansible-playbook: a local host and one whose SSH port
 * refuses connections. Tasks with it count the unreachable host "ignored" and the host goes on;
 * the first task without it makes the host unreachable for the rest of the run (the next play
 * included). The logs must hold the same lines, and both recaps give the bad host one
 * unreachable and two ignored; both exit non-zero (each tool with its own code).
 */
class IgnoreUnreachableDifferentialTest {
    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: t1
                  shell: echo "t1 {{ inventory_hostname }}" >> {{ out }}/log
                  ignore_unreachable: true
                - name: t2
                  shell: echo "t2 {{ inventory_hostname }}" >> {{ out }}/log
                  ignore_unreachable: true
                - name: t3
                  shell: echo "t3 {{ inventory_hostname }}" >> {{ out }}/log
                - name: t4
                  shell: echo "t4 {{ inventory_hostname }}" >> {{ out }}/log
                  ignore_unreachable: true
            - hosts: all
              gather_facts: false
              tasks:
                - name: p2
                  shell: echo "p2 {{ inventory_hostname }}" >> {{ out }}/log
                  ignore_unreachable: true
            """;

    @TempDir
    Path dir;

    @Test
    void ignoredUnreachable_letsTheHostGoOn_untilATaskWithout() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        Path inv = Files.writeString(dir.resolve("hosts.ini"), "[all]\ngood ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n"
                + "bad ansible_host=127.0.0.1 ansible_port=1 ansible_python_interpreter=/usr/bin/python3\n");
        AnsibleBeside both = new AnsibleBeside(dir);
        AnsibleBeside.Run ansible = both.ansible("unreach", inv, PLAYBOOK);
        AnsibleBeside.Run rigger = both.rigger("unreach", inv, PLAYBOOK);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(ansible.log()).as("Ansible").containsExactly("t1 good", "t2 good", "t3 good", "t4 good", "p2 good");
        assertThat(rigger.log()).as(context).isEqualTo(ansible.log());
        assertThat(ansible.output()).containsPattern("bad +: ok=2 +changed=0 +unreachable=1 +failed=0 +skipped=0 +rescued=0 +ignored=2");
        assertThat(rigger.output()).as(context).containsPattern("bad +: .*unreachable=1 +ignored=2");
        assertThat(rigger.exitCode()).as(context).isNotZero();
        assertThat(ansible.exitCode()).isNotZero();
    }
}
