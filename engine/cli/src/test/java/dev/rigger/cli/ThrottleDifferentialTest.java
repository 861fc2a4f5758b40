package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code throttle: 1} (on a task, and on a block for its tasks) against ansible-playbook on four
 * local hosts: each throttled task takes a lock directory of its own, holds it a moment and frees it; a host
 * that finds it taken writes "overlap". Neither tool may overlap, every host must have run each
 * task, and the logs must hold the same lines.
 */
class ThrottleDifferentialTest {
    private static final List<String> HOSTS = List.of("h1", "h2", "h3", "h4");

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: throttled task
                  shell: mkdir {{ out }}/lock && { sleep 0.3; rmdir {{ out }}/lock; echo "task {{ inventory_hostname }}" >> {{ out }}/log; } || echo "overlap {{ inventory_hostname }}" >> {{ out }}/log
                  throttle: 1
                - name: throttled block
                  throttle: 1
                  block:
                    - shell: mkdir {{ out }}/lock2 && { sleep 0.3; rmdir {{ out }}/lock2; echo "block {{ inventory_hostname }}" >> {{ out }}/log; } || echo "overlap {{ inventory_hostname }}" >> {{ out }}/log
            """;

    @TempDir
    Path dir;

    @Test
    void atMostOneHostAtATime() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(HOSTS);
        AnsibleBeside.Run ansible = both.ansible("throttle", inv, PLAYBOOK);
        AnsibleBeside.Run rigger = both.rigger("throttle", inv, PLAYBOOK);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(ansible.log()).as("Ansible").hasSize(8).noneMatch(l -> l.startsWith("overlap"));
        assertThat(rigger.log().stream().sorted().toList()).as(context).isEqualTo(ansible.log().stream().sorted().toList());
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
    }
}
