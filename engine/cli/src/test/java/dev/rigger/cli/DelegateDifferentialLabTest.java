package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code delegate_to} against ansible-playbook on three lab hosts (two in the play, one only in
 * the inventory) and this machine: each task writes, where it ran, a line naming the host it ran
 * for and the {@code hostname} of where it ran, so a line tells both the variables used (the
 * host's) and the connection (the delegate's). Cases: a delegate in the inventory but not in
 * the play, a templated one in the play (each host to the other), {@code localhost} out of the
 * inventory, {@code local_action}, {@code connection: local}, a delegated block with a task
 * delegating back to its own host, a delegated result registered on the host, and
 * {@code delegate_facts} (with it the delegate gets the fact, without it the host). Per lab host
 * and on this machine the lines must be the same, and the exit codes equal.
 */
@LabTest
class DelegateDifferentialLabTest {
    private static final List<String> HOSTS = List.of("node92", "node93", "node94");

    private static final String PLAYBOOK = """
            - hosts: play
              gather_facts: false
              tasks:
                - name: on a host out of the play
                  shell: echo "to94 {{ inventory_hostname }} $(hostname)" >> /tmp/{{ out | basename }}.log; hostname
                  delegate_to: node94
                  register: r94
                - name: registered on the host
                  shell: echo "reg {{ inventory_hostname }} {{ r94.stdout }} $(hostname)" >> /tmp/{{ out | basename }}.log
                - name: templated, to the other host of the play
                  shell: echo "peer {{ inventory_hostname }} $(hostname)" >> /tmp/{{ out | basename }}.log
                  delegate_to: "{{ peer }}"
                - name: localhost out of the inventory, with the host's variables
                  shell: echo "local {{ inventory_hostname }} {{ ansible_host }}" >> {{ out }}/log
                  delegate_to: localhost
                - name: local_action
                  local_action: shell echo "la {{ inventory_hostname }}" >> {{ out }}/log
                - name: connection local
                  shell: echo "conn {{ inventory_hostname }}" >> {{ out }}/log
                  connection: local
                - name: delegated facts
                  set_fact: {seen_by: "{{ inventory_hostname }}"}
                  delegate_to: node94
                  delegate_facts: true
                  when: inventory_hostname == 'node93'
                - name: facts stay on the host without delegate_facts
                  set_fact: {mine: "{{ inventory_hostname }}"}
                  delegate_to: node94
                - name: a delegated block
                  delegate_to: node94
                  block:
                    - shell: echo "blk {{ inventory_hostname }} $(hostname)" >> /tmp/{{ out | basename }}.log
                    - shell: echo "own {{ inventory_hostname }} $(hostname)" >> /tmp/{{ out | basename }}.log
                      delegate_to: "{{ inventory_hostname }}"
                - name: read the facts
                  shell: >-
                    echo "facts {{ inventory_hostname }} {{ hostvars['node94'].seen_by | default('none') }} {{ mine }}
                    {{ hostvars['node94'].mine | default('none') }} {{ seen_by | default('none') }}" >> {{ out }}/log
                  delegate_to: localhost
            """;

    @TempDir
    Path dir;
    private final Lab lab = Lab.existing();

    @Test
    void runsOnTheDelegate_withTheHostsVariables_registeredOnTheHost() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        lab.atLeast(94);
        lab.reset(HOSTS.toArray(String[]::new));
        Path inv = inventory();
        AnsibleBeside both = new AnsibleBeside(dir);
        AnsibleBeside.Run ansible = both.ansible("deleg", inv, PLAYBOOK);
        AnsibleBeside.Run rigger = both.rigger("deleg", inv, PLAYBOOK);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
        for (String h : HOSTS) {
            List<String> a = linesOn(h, "deleg-ansible");
            assertThat(a).as(h + " ran delegated tasks (Ansible)").isNotEmpty();
            assertThat(linesOn(h, "deleg-rigger")).as(h + context).isEqualTo(a);
        }
        assertThat(linesOn("node94", "deleg-rigger")).as("ran on node94 for both").contains("to94 node92 node94", "to94 node93 node94",
                "blk node92 node94", "blk node93 node94");
        assertThat(rigger.log().stream().sorted().toList()).as("on this machine" + context)
                .isEqualTo(ansible.log().stream().sorted().toList())
                .contains("facts node93 node93 node93 none none", "local node92 " + lab.address("node92"));
    }

    /** The lines a run wrote to {@code /tmp/NAME.log} on {@code host}, sorted (hosts run in parallel). */
    private List<String> linesOn(String host, String name) {
        Lab.Result r = lab.ssh(host, "cat /tmp/" + name + ".log");
        return r.exitCode() != 0 ? List.of() : r.out().lines().sorted().toList();
    }

    /** node92 and node93 in the play (each the other's peer), node94 only in the inventory. */
    private Path inventory() throws Exception {
        StringBuilder sb = new StringBuilder("[all]\n");
        for (String h : HOSTS) {
            sb.append(h).append(" ansible_host=").append(lab.address(h)).append(" ansible_user=root ansible_ssh_private_key_file=")
                    .append(lab.clientKey()).append(" ansible_python_interpreter=/usr/bin/python3\n");
        }
        sb.append("[play]\nnode92 peer=node93\nnode93 peer=node92\n");
        sb.append("[all:vars]\nansible_ssh_common_args='-o UserKnownHostsFile=").append(lab.knownHosts()).append("'\n");
        return Files.writeString(dir.resolve("hosts.ini"), sb.toString());
    }
}
