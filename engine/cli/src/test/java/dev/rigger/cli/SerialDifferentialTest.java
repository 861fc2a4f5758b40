package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code serial} batches and their failure rules against ansible-playbook, on five local hosts:
 * each task appends "task host batch" to one log; the two tools must log the same lines (the
 * same tasks ran on the same hosts, in the same batches, stopping at the same failures), both
 * in batch order (no line of a batch before a line of the batch before it; the next play after
 * the last batch), and exit with the same code. The batch is logged as t1 sees it: later in a
 * batch Ansible leaves the hosts that failed out of {@code ansible_play_batch}, Rigger does not
 * (docs/ansible-keywords.md).
 */
class SerialDifferentialTest {
    private static final List<String> HOSTS = List.of("h1", "h2", "h3", "h4", "h5");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "batches of 2, none fail                   | serial: 2                                  | []",
            "batches 1 then 2, one of batch 2 fails     | serial: [1, 2]                             | [h2]",
            "a percentage, one of a batch fails         | serial: 40%                                | [h4]",
            "every host of batch 1 fails: play stops    | serial: 2                                  | [h1, h2]",
            "max_fail_percentage 30, 1 of 3 fails       | 'serial: 3\n  max_fail_percentage: 30'     | [h2]",
            "max_fail_percentage 50, 1 of 3 fails       | 'serial: 3\n  max_fail_percentage: 50'     | [h2]",
            "any_errors_fatal, no serial                | any_errors_fatal: true                     | [h3]",
            "any_errors_fatal in batches of 2           | 'serial: 2\n  any_errors_fatal: true'      | [h4]",
    })
    void sameHostsRunTheSameTasksInTheSameBatches(String name, String rolling, String failing) throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        String playbook = """
                - hosts: all
                  gather_facts: false
                  ROLLING
                  vars: {failing: FAILING}
                  tasks:
                    - name: t1
                      shell: echo "t1 {{ inventory_hostname }} {{ ansible_play_batch | join(',') }}" | tee -a {{ out }}/log
                      register: t1
                      failed_when: inventory_hostname in failing
                    - name: t2
                      shell: echo "t2 {{ inventory_hostname }} {{ t1.stdout.split(' ')[2] }}" >> {{ out }}/log
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: t3
                      shell: echo "t3 {{ inventory_hostname }} next-play" >> {{ out }}/log
                """.replace("ROLLING", rolling.replace("\\n", "\n")).replace("FAILING", failing);
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(HOSTS);
        AnsibleBeside.Run ansible = both.ansible("serial", inv, playbook);
        AnsibleBeside.Run rigger = both.rigger("serial", inv, playbook);
        assertThat(sorted(rigger.log())).as("rigger:\n" + rigger.output() + "\nansible:\n" + ansible.output())
                .isEqualTo(sorted(ansible.log()));
        assertThat(rigger.exitCode()).as(rigger.output()).isEqualTo(ansible.exitCode());
        assertInBatchOrder(ansible.log());
        assertInBatchOrder(rigger.log());
    }

    private static List<String> sorted(List<String> lines) {
        List<String> s = new ArrayList<>(lines);
        s.sort(null);
        return s;
    }

    /** A line's batch is its last word (the next play's lines come after all); the batches never go back. */
    private static void assertInBatchOrder(List<String> log) {
        List<String> seen = new ArrayList<>();
        String current = null;
        for (String line : log) {
            String batch = line.substring(line.lastIndexOf(' ') + 1);
            if (!batch.equals(current)) {
                assertThat(seen).as("batch " + batch + " again after another one in " + log).doesNotContain(batch);
                seen.add(batch);
                current = batch;
            }
        }
    }
}
