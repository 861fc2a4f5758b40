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
 * {@code delegate_to} reading the loop item against ansible-playbook on three lab hosts: each
 * item runs on its own delegate (another host, the host itself), also under
 * {@code loop_control.loop_var}; the results are registered on the host as one loop result.
 * Each task writes, where it ran, the host it ran for, the item and the {@code hostname} of
 * where it ran. Per lab host the lines must be the same, and the exit codes equal.
 */
@LabTest
class DelegateLoopDifferentialLabTest {
    private static final List<String> HOSTS = List.of("node100", "node101", "node102");

    private static final String PLAYBOOK = """
            - hosts: node100
              gather_facts: false
              tasks:
                - name: each item on its delegate
                  shell: echo "item {{ inventory_hostname }} {{ item }} $(hostname)" >> /tmp/{{ out | basename }}.log; hostname
                  delegate_to: "{{ item }}"
                  loop: [node101, node102, node100]
                  register: r
                - name: the results, registered on the host
                  shell: echo "reg {{ inventory_hostname }} {{ r.results | map(attribute='stdout') | join(',') }} $(hostname)" >> /tmp/{{ out | basename }}.log
                - name: under loop_var
                  shell: echo "var {{ inventory_hostname }} {{ d.name }} $(hostname)" >> /tmp/{{ out | basename }}.log
                  delegate_to: "{{ d.name }}"
                  loop: [{name: node102}, {name: node101}]
                  loop_control: {loop_var: d}
            """;

    @TempDir
    Path dir;
    private final Lab lab = Lab.existing();

    @Test
    void eachItemRunsOnItsOwnDelegate_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        lab.atLeast(105);
        lab.reset(HOSTS.toArray(String[]::new));
        Path inv = inventory();
        AnsibleBeside both = new AnsibleBeside(dir);
        AnsibleBeside.Run ansible = both.ansible("dloop", inv, PLAYBOOK);
        AnsibleBeside.Run rigger = both.rigger("dloop", inv, PLAYBOOK);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
        assertThat(linesOn("node101", "dloop-ansible")).as("Ansible" + context).containsExactly("item node100 node101 node101", "var node100 node101 node101");
        for (String h : HOSTS) assertThat(linesOn(h, "dloop-rigger")).as(h + context).isEqualTo(linesOn(h, "dloop-ansible"));
    }

    /** The lines a run wrote to {@code /tmp/NAME.log} on {@code host}, sorted. */
    private List<String> linesOn(String host, String name) {
        Lab.Result r = lab.ssh(host, "cat /tmp/" + name + ".log");
        return r.exitCode() != 0 ? List.of() : r.out().lines().sorted().toList();
    }

    private Path inventory() throws Exception {
        StringBuilder sb = new StringBuilder("[all]\n");
        for (String h : HOSTS) {
            sb.append(h).append(" ansible_host=").append(lab.address(h)).append(" ansible_user=root ansible_ssh_private_key_file=")
                    .append(lab.clientKey()).append(" ansible_python_interpreter=/usr/bin/python3\n");
        }
        sb.append("[all:vars]\nansible_ssh_common_args='-o UserKnownHostsFile=").append(lab.knownHosts()).append("'\n");
        return Files.writeString(dir.resolve("hosts.ini"), sb.toString());
    }
}
