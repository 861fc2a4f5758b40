package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code run_once} against ansible-playbook on three local hosts: the task runs on the first
 * host of each batch that has not failed, every host of the batch reads its registered result
 * (a {@code when} false there skips it for all), a run_once block's rescue runs once too, and a
 * run_once failure stops every host of the batch. Per host the two logs must be the same lines
 * in the same order, and the exit codes equal.
 */
class RunOnceDifferentialTest {
    private static final List<String> HOSTS = List.of("h1", "h2", "h3");

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              serial: SERIAL
              vars: {failing: FAILING}
              tasks:
                - name: early
                  shell: echo "early {{ inventory_hostname }}" >> {{ out }}/log
                  failed_when: inventory_hostname in failing
                - name: once
                  shell: echo "once {{ inventory_hostname }}" >> {{ out }}/log; echo "{{ inventory_hostname }}"
                  register: o
                  run_once: true
                  failed_when: "'o' in failing"
                - name: each
                  shell: echo "each {{ inventory_hostname }} {{ o.stdout }} {{ o.changed }}" >> {{ out }}/log
                - name: skipped once
                  shell: echo "never {{ inventory_hostname }}" >> {{ out }}/log
                  register: s
                  run_once: true
                  when: inventory_hostname == 'h3'
                - name: each2
                  shell: echo "each2 {{ inventory_hostname }} {{ s.skipped | default(false) }}" >> {{ out }}/log
                - name: a block once
                  run_once: true
                  block:
                    - name: in block
                      shell: echo "inblock {{ inventory_hostname }}" >> {{ out }}/log; exit {{ 1 if 'once' in failing else 0 }}
                  rescue:
                    - name: rescue
                      shell: echo "rescue {{ inventory_hostname }}" >> {{ out }}/log
                - name: last
                  shell: echo "last {{ inventory_hostname }}" >> {{ out }}/log
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "serial {0}, failing {1}")
    @CsvSource(delimiter = '|', value = {
            "0 | []",
            "2 | []",
            "0 | [h1]",
            "0 | [once]",
            "2 | [o]",
    })
    void runsOnFirstHostOfTheBatch_everyHostReadsTheResult(String serial, String failing) throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        String playbook = PLAYBOOK.replace("SERIAL", serial).replace("FAILING", failing);
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(HOSTS);
        AnsibleBeside.Run ansible = both.ansible("once", inv, playbook);
        AnsibleBeside.Run rigger = both.rigger("once", inv, playbook);
        for (String h : HOSTS) {
            assertThat(rigger.logOf(h)).as(h + "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output())
                    .isEqualTo(ansible.logOf(h));
        }
        assertThat(rigger.log().stream().filter(l -> l.startsWith("once ")).count()).as("runs once a batch")
                .isEqualTo(failing.equals("[o]") ? 1 : serial.equals("2") ? 2 : 1);
        assertThat(rigger.exitCode()).as(rigger.output()).isEqualTo(ansible.exitCode());
    }
}
