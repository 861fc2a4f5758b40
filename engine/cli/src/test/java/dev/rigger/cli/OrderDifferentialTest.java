package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A play's {@code order} against ansible-playbook on four local hosts whose inventory order is
 * not their sorted one: the serial batches are cut in that order and each batch's run_once task
 * runs on its first host, whose output every host of the batch registers. Per host the two logs
 * must be the same lines, and the exit codes equal.
 */
class OrderDifferentialTest {
    private static final List<String> HOSTS = List.of("b2", "a1", "d4", "c3");

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              serial: 2
              order: ORDER
              tasks:
                - name: once
                  shell: echo "{{ inventory_hostname }}"
                  register: o
                  run_once: true
                - name: each
                  shell: echo "each {{ inventory_hostname }} ran-on {{ o.stdout }}" >> {{ out }}/log
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "order {0}")
    @ValueSource(strings = {"inventory", "reverse_inventory", "sorted", "reverse_sorted"})
    void batchesAndRunOnce_followTheOrder(String order) throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        String playbook = PLAYBOOK.replace("ORDER", order);
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(HOSTS);
        AnsibleBeside.Run ansible = both.ansible("order", inv, playbook);
        AnsibleBeside.Run rigger = both.rigger("order", inv, playbook);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(ansible.log()).as("Ansible").hasSize(4);
        for (String h : HOSTS) assertThat(rigger.logOf(h)).as(h + context).isEqualTo(ansible.logOf(h));
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
    }
}
