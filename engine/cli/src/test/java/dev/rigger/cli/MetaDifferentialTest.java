package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meta} against ansible-playbook on two local hosts: flush_handlers runs the handlers
 * notified so far there (and a handler notified again after it runs again at the end),
 * noop does nothing, clear_facts forgets the facts setup gathered, end_host (on one host) ends
 * that host's play, its notified handlers included, and the next play runs on it again. Per
 * host the two logs must be the same lines in the same order, and the exit codes equal.
 */
class MetaDifferentialTest {
    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              handlers:
                - name: hA
                  shell: echo "hA {{ inventory_hostname }}" >> {{ out }}/log
                - name: hB
                  shell: echo "hB {{ inventory_hostname }}" >> {{ out }}/log
              tasks:
                - name: t1
                  shell: echo "t1 {{ inventory_hostname }}" >> {{ out }}/log
                  notify: hA
                - meta: flush_handlers
                - name: t2
                  shell: echo "t2 {{ inventory_hostname }}" >> {{ out }}/log
                  notify: [hA, hB]
                - meta: noop
                - setup: {gather_subset: [min]}
                - name: facts before
                  shell: echo "facts {{ inventory_hostname }} {{ ansible_hostname is defined }}" >> {{ out }}/log
                - meta: clear_facts
                - name: t3
                  shell: echo "t3 {{ inventory_hostname }} {{ ansible_hostname | default('nofacts') }}" >> {{ out }}/log
                - meta: end_host
                  when: inventory_hostname == 'h2'
                - name: t4
                  shell: echo "t4 {{ inventory_hostname }}" >> {{ out }}/log
            - hosts: all
              gather_facts: false
              tasks:
                - name: p2
                  shell: echo "p2 {{ inventory_hostname }}" >> {{ out }}/log
            """;

    @TempDir
    Path dir;

    @Test
    void flushHandlers_noop_clearFacts_endHost_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1", "h2"));
        AnsibleBeside.Run ansible = both.ansible("meta", inv, PLAYBOOK);
        AnsibleBeside.Run rigger = both.rigger("meta", inv, PLAYBOOK);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(ansible.logOf("h2")).as("Ansible").containsExactly("t1 h2", "hA h2", "t2 h2", "facts h2 True", "t3 h2 nofacts", "p2 h2");
        for (String h : List.of("h1", "h2")) assertThat(rigger.logOf(h)).as(h + context).isEqualTo(ansible.logOf(h));
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
    }

    /**
     * end_play and end_batch: Ansible runs them once, for the first host of the batch, whose when
     * decides for every host (a when true on the second host only ends nothing); end_play ends the
     * play's later batches too and its notified handlers do not run; end_batch ends one serial batch.
     */
    private static final String ENDS = """
            - hosts: all
              gather_facts: false
              tasks:
                - shell: echo "a1 {{ inventory_hostname }}" >> {{ out }}/log
                - meta: end_play
                  when: inventory_hostname == 'h2'
                - shell: echo "a2 {{ inventory_hostname }}" >> {{ out }}/log
            - hosts: all
              gather_facts: false
              handlers:
                - name: h
                  shell: echo "handler {{ inventory_hostname }}" >> {{ out }}/log
              tasks:
                - shell: echo "b1 {{ inventory_hostname }}" >> {{ out }}/log
                  notify: h
                - meta: end_play
                  when: inventory_hostname == 'h1'
                - shell: echo "b2 {{ inventory_hostname }}" >> {{ out }}/log
            - hosts: all
              gather_facts: false
              serial: 2
              tasks:
                - shell: echo "c1 {{ inventory_hostname }}" >> {{ out }}/log
                - meta: end_batch
                  when: inventory_hostname == 'h1'
                - shell: echo "c2 {{ inventory_hostname }}" >> {{ out }}/log
            - hosts: all
              gather_facts: false
              serial: 1
              tasks:
                - shell: echo "d1 {{ inventory_hostname }}" >> {{ out }}/log
                - meta: end_play
                  when: inventory_hostname == 'h2'
                - shell: echo "d2 {{ inventory_hostname }}" >> {{ out }}/log
            - hosts: all
              gather_facts: false
              tasks:
                - shell: echo "e1 {{ inventory_hostname }}" >> {{ out }}/log
            """;

    @Test
    void endPlay_endBatch_firstHostDecides_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1", "h2", "h3"));
        AnsibleBeside.Run ansible = both.ansible("ends", inv, ENDS);
        AnsibleBeside.Run rigger = both.rigger("ends", inv, ENDS);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(ansible.logOf("h3")).as("Ansible" + context).containsExactly("a1 h3", "a2 h3", "b1 h3", "c1 h3", "c2 h3", "e1 h3");
        for (String h : List.of("h1", "h2", "h3")) assertThat(rigger.logOf(h)).as(h + context).isEqualTo(ansible.logOf(h));
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
    }

    /**
     * clear_host_errors as Ansible 2.14's linear strategy runs it: once, for the first host of the
     * batch still in the play, whose when decides; a host failed before it stays out of the rest
     * of its play but takes part in the next plays, and its failure no longer makes the exit code
     * 2 (also when it failed in the last play). A when false on that first host clears nothing.
     */
    private static final String CLEARS = """
            - hosts: all
              gather_facts: false
              tasks:
                - shell: echo "a1 {{ inventory_hostname }}" >> {{ out }}/log
                - fail: {msg: boom}
                  when: inventory_hostname == 'h1'
                - meta: clear_host_errors
                - shell: echo "a2 {{ inventory_hostname }}" >> {{ out }}/log
            - hosts: all
              gather_facts: false
              tasks:
                - shell: echo "b1 {{ inventory_hostname }}" >> {{ out }}/log
                - fail: {msg: boom}
                  when: inventory_hostname == 'h2'
                - meta: clear_host_errors
            """;
    private static final String NOT_CLEARED = """
            - hosts: all
              gather_facts: false
              tasks:
                - fail: {msg: boom}
                  when: inventory_hostname == 'h1'
                - meta: clear_host_errors
                  when: inventory_hostname == 'h3'
            - hosts: all
              gather_facts: false
              tasks:
                - shell: echo "c1 {{ inventory_hostname }}" >> {{ out }}/log
            """;

    @Test
    void clearHostErrors_failedHostRejoinsLaterPlays_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1", "h2", "h3"));
        AnsibleBeside.Run ansible = both.ansible("clears", inv, CLEARS);
        AnsibleBeside.Run rigger = both.rigger("clears", inv, CLEARS);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(ansible.logOf("h1")).as("Ansible" + context).containsExactly("a1 h1", "b1 h1");
        for (String h : List.of("h1", "h2", "h3")) assertThat(rigger.logOf(h)).as(h + context).isEqualTo(ansible.logOf(h));
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();

        AnsibleBeside.Run ansible2 = both.ansible("notcleared", inv, NOT_CLEARED);
        AnsibleBeside.Run rigger2 = both.rigger("notcleared", inv, NOT_CLEARED);
        String context2 = "\nrigger:\n" + rigger2.output() + "\nansible:\n" + ansible2.output();
        assertThat(ansible2.logOf("h1")).as("Ansible" + context2).isEmpty();
        for (String h : List.of("h1", "h2", "h3")) assertThat(rigger2.logOf(h)).as(h + context2).isEqualTo(ansible2.logOf(h));
        assertThat(rigger2.exitCode()).as(context2).isEqualTo(ansible2.exitCode()).isEqualTo(2);
    }
}
