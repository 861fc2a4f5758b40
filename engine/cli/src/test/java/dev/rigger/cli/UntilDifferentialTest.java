package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code until}/{@code retries}/{@code delay} against ansible-playbook on two local hosts: each
 * attempt appends a line to one log, and tasks after log what was registered ({@code attempts},
 * {@code failed}, {@code changed} by a changed_when that reads attempts, per loop item); per
 * host the two logs must be the same lines in the same order (so the same number of attempts),
 * and the exit codes equal. Delays are 0 or 1 second.
 */
class UntilDifferentialTest {
    private static final List<String> HOSTS = List.of("h1", "h2");

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: reaches three
                  shell: echo x >> {{ out }}/{{ inventory_hostname }}-a; echo "a {{ inventory_hostname }}" >> {{ out }}/log; wc -l < {{ out }}/{{ inventory_hostname }}-a
                  register: a
                  until: a.stdout | int >= 3
                  retries: 5
                  delay: 0
                  changed_when: a.attempts > 1
                - name: log a
                  shell: echo "loga {{ inventory_hostname }} {{ a.attempts }} {{ a.changed }} {{ a.failed }}" >> {{ out }}/log
                - name: never
                  shell: echo "n {{ inventory_hostname }}" >> {{ out }}/log; exit 1
                  register: n
                  until: n.rc == 0
                  retries: 2
                  delay: 1
                  ignore_errors: true
                - name: log n
                  shell: echo "logn {{ inventory_hostname }} {{ n.attempts }} {{ n.failed }} {{ n.rc }}" >> {{ out }}/log
                - name: default retries
                  shell: echo "d {{ inventory_hostname }}" >> {{ out }}/log
                  register: d
                  until: d.rc == 1
                  delay: 0
                  ignore_errors: true
                - name: log d
                  shell: echo "logd {{ inventory_hostname }} {{ d.attempts }} {{ d.failed }}" >> {{ out }}/log
                - name: zero retries
                  shell: echo "z {{ inventory_hostname }}" >> {{ out }}/log
                  register: z
                  until: z.rc == 1
                  retries: 0
                - name: log z
                  shell: echo "logz {{ inventory_hostname }} {{ z.attempts }} {{ z.failed }}" >> {{ out }}/log
                - name: loop
                  shell: echo "{{ item }}" >> {{ out }}/{{ inventory_hostname }}-{{ item }}; echo "l {{ inventory_hostname }} {{ item }}" >> {{ out }}/log; wc -l < {{ out }}/{{ inventory_hostname }}-{{ item }}
                  loop: [1, 2]
                  register: l
                  until: l.stdout | int >= item
                  delay: 0
                - name: log l
                  shell: echo "logl {{ inventory_hostname }} {{ l.results | map(attribute='attempts') | join(',') }}" >> {{ out }}/log
                - name: exhausted on FAILING
                  shell: echo "e {{ inventory_hostname }}" >> {{ out }}/log; exit {{ 1 if inventory_hostname == 'FAILING' else 0 }}
                  register: e
                  until: e.rc == 0
                  retries: 1
                  delay: 0
                - name: after
                  shell: echo "after {{ inventory_hostname }} {{ e.attempts }}" >> {{ out }}/log
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "last until exhausted on {0}")
    @ValueSource(strings = {"none", "h2"})
    void sameAttemptsAndRegisteredValues(String failing) throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        String playbook = PLAYBOOK.replace("FAILING", failing);
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(HOSTS);
        AnsibleBeside.Run ansible = both.ansible("until", inv, playbook);
        AnsibleBeside.Run rigger = both.rigger("until", inv, playbook);
        for (String h : HOSTS) {
            assertThat(rigger.logOf(h)).as(h + "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output())
                    .isEqualTo(ansible.logOf(h)).contains("loga " + h + " 3 True False", "logd " + h + " 3 True");
        }
        assertThat(rigger.exitCode()).as(rigger.output()).isEqualTo(ansible.exitCode()).isEqualTo(failing.equals("none") ? 0 : 2);
    }
}
