package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code block}/{@code rescue}/{@code always} against ansible-playbook, on three local hosts:
 * every task appends "task host [what it read]" to one log; per host the two tools must log
 * the same lines in the same order (which tasks ran, what they read of registered results,
 * block vars and {@code ansible_failed_task}/{@code ansible_failed_result}), and exit with the
 * same code (a rescued host is not failed).
 */
class BlockDifferentialTest {
    private static final List<String> HOSTS = List.of("h1", "h2", "h3");

    @TempDir
    Path dir;

    private static final String RESCUED = """
            - hosts: all
              gather_facts: false
              vars: {fail_block: FB, fail_rescue: FR, fail_always: FA}
              tasks:
                - name: before
                  shell: echo "before {{ inventory_hostname }}" >> {{ out }}/log
                - name: outer
                  vars: {where: outer}
                  block:
                    - name: b1
                      shell: echo "b1 {{ inventory_hostname }} {{ where }}" >> {{ out }}/log
                    - name: b2
                      shell: echo "b2 {{ inventory_hostname }}" >> {{ out }}/log; exit 3
                      register: b2
                      failed_when: inventory_hostname in fail_block
                    - name: b3
                      shell: echo "b3 {{ inventory_hostname }} {{ b2.rc }}" >> {{ out }}/log
                  rescue:
                    - name: r1
                      shell: echo "r1 {{ inventory_hostname }} {{ ansible_failed_task.name }} {{ ansible_failed_result.rc }}" >> {{ out }}/log
                      failed_when: inventory_hostname in fail_rescue
                    - name: r2
                      shell: echo "r2 {{ inventory_hostname }}" >> {{ out }}/log
                  always:
                    - name: a1
                      shell: echo "a1 {{ inventory_hostname }}" >> {{ out }}/log
                      failed_when: inventory_hostname in fail_always
                    - name: a2
                      shell: echo "a2 {{ inventory_hostname }}" >> {{ out }}/log
                - name: after
                  shell: echo "after {{ inventory_hostname }}" >> {{ out }}/log
            """;

    private static final String NESTED = """
            - hosts: all
              gather_facts: false
              vars: {fail_block: FB, fail_rescue: FR, fail_always: FA}
              tasks:
                - name: outer
                  tags: [t]
                  block:
                    - name: inner
                      when: inventory_hostname != 'h3'
                      block:
                        - name: i1
                          shell: echo "i1 {{ inventory_hostname }}" >> {{ out }}/log
                          failed_when: inventory_hostname in fail_block
                        - name: i2
                          shell: echo "i2 {{ inventory_hostname }}" >> {{ out }}/log
                      always:
                        - name: ia
                          shell: echo "ia {{ inventory_hostname }}" >> {{ out }}/log
                          failed_when: inventory_hostname in fail_always
                    - name: o2
                      shell: echo "o2 {{ inventory_hostname }}" >> {{ out }}/log
                  rescue:
                    - name: or
                      shell: echo "or {{ inventory_hostname }} {{ ansible_failed_task.name }}" >> {{ out }}/log
                      failed_when: inventory_hostname in fail_rescue
                  always:
                    - name: oa
                      shell: echo "oa {{ inventory_hostname }}" >> {{ out }}/log
                - name: ignored
                  ignore_errors: true
                  block:
                    - name: g1
                      shell: echo "g1 {{ inventory_hostname }}" >> {{ out }}/log; exit {{ 1 if inventory_hostname in fail_block else 0 }}
                    - name: g2
                      shell: echo "g2 {{ inventory_hostname }}" >> {{ out }}/log
                - name: unrescued
                  block:
                    - name: u1
                      shell: echo "u1 {{ inventory_hostname }}" >> {{ out }}/log; exit {{ 1 if inventory_hostname in fail_block else 0 }}
                  always:
                    - name: ua
                      shell: echo "ua {{ inventory_hostname }}" >> {{ out }}/log
                - name: after
                  shell: echo "after {{ inventory_hostname }}" >> {{ out }}/log
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nothing fails                               | RESCUED | []       | []   | []",
            "a block task fails: rescue, host goes on     | RESCUED | [h2]     | []   | []",
            "the rescue fails too: always, host failed    | RESCUED | [h1, h2] | [h2] | []",
            "always fails: host failed                    | RESCUED | []       | []   | [h3]",
            "nested: nothing fails                        | NESTED  | []       | []   | []",
            "nested: inner fails, outer rescues           | NESTED  | [h1, h2] | []   | []",
            "nested: inner always fails, rescue fails     | NESTED  | []       | [h2] | [h2]",
            "nested: a failure not rescued, always runs   | NESTED  | [h3]     | []   | []",
    })
    void sameTasksRunInTheSameOrderWithTheSameValues(String name, String which, String fb, String fr, String fa) throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        String playbook = (which.equals("NESTED") ? NESTED : RESCUED).replace("FB", fb).replace("FR", fr).replace("FA", fa);
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(HOSTS);
        AnsibleBeside.Run ansible = both.ansible("block", inv, playbook);
        AnsibleBeside.Run rigger = both.rigger("block", inv, playbook);
        for (String h : HOSTS) {
            assertThat(rigger.logOf(h)).as(h + "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output())
                    .isEqualTo(ansible.logOf(h));
        }
        assertThat(rigger.exitCode()).as(rigger.output() + "\nansible:\n" + ansible.output()).isEqualTo(ansible.exitCode());
        assertThat(rigger.log()).as("every case runs something").isNotEmpty();
    }
}
