package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meta: reset_connection} against ansible-playbook, each on a fresh lab host of its own: the
 * tasks before it share one SSH connection ({@code $SSH_CONNECTION}, its client port, is the same),
 * the task after it has a new one; the login user, added to a new group before (as
 * geerlingguy.docker adds its user to docker), has it after ({@code id -Gn}). OpenSSH sets a
 * session's groups for each command anyway, so only the connection tells the reset apart.
 */
@LabTest
class ResetConnectionDifferentialLabTest {
    private static final String ANSIBLE_HOST = System.getProperty("rigger.reset.ansible.host", "node48");
    private static final String RIGGER_HOST = System.getProperty("rigger.reset.rigger.host", "node49");

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              tasks:
                - shell: echo "$SSH_CONNECTION"
                  register: first
                - command: groupadd -f riggrp
                - command: usermod -aG riggrp root
                - shell: echo "$SSH_CONNECTION"
                  register: before
                - meta: reset_connection
                - shell: echo "$SSH_CONNECTION"; id -Gn
                  register: after
                - copy:
                    dest: /tmp/reset-groups
                    content: >-
                      kept {{ first.stdout == before.stdout }}
                      new {{ before.stdout != after.stdout_lines[0] }}
                      group {{ 'riggrp' in after.stdout_lines[1].split() }}
            """;

    @TempDir
    Path dir;
    private final Lab lab = Lab.existing();

    @Test
    void aGroupAddedBefore_isTheNewLoginsAfter_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        lab.atLeast(Math.max(number(ANSIBLE_HOST), number(RIGGER_HOST)));
        lab.reset(ANSIBLE_HOST, RIGGER_HOST);
        AnsibleBeside both = new AnsibleBeside(dir);
        AnsibleBeside.Run ansible = both.ansible("reset", inventory(ANSIBLE_HOST), PLAYBOOK);
        AnsibleBeside.Run rigger = both.rigger("reset", inventory(RIGGER_HOST), PLAYBOOK);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
        String a = lab.sh(ANSIBLE_HOST, "cat /tmp/reset-groups").strip();
        assertThat(a).as("Ansible" + context).isEqualTo("kept True new True group True");
        assertThat(lab.sh(RIGGER_HOST, "cat /tmp/reset-groups").strip()).as(context).isEqualTo(a);
    }

    private static int number(String host) {
        return Integer.parseInt(host.replaceAll("\\D", ""));
    }

    private Path inventory(String host) throws Exception {
        String inv = "[all]\n" + host + " ansible_host=" + lab.address(host) + " ansible_user=root ansible_ssh_private_key_file="
                + lab.clientKey() + " ansible_python_interpreter=/usr/bin/python3\n"
                + "[all:vars]\nansible_ssh_common_args='-o UserKnownHostsFile=" + lab.knownHosts() + "'\n";
        return Files.writeString(dir.resolve(host + ".ini"), inv);
    }
}
