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
 * {@code become_user} other than root (through sudo, and {@code become_method: su}) against
 * ansible-playbook on two lab hosts, logged in as root, with a user the test creates: a templated
 * user on the play, a task's and a block's {@code become_user} over it (the innermost wins), files
 * and a directory written as that user (owned by it, as Ansible's are), {@code become: false}
 * leaving it unused, and a command's registered output. Per host every file each run left in
 * {@code /tmp} must have the same owner, group, mode and content.
 */
@LabTest
class BecomeUserDifferentialLabTest {
    private static final List<String> HOSTS = List.of("node95", "node96");

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              become: true
              become_user: "{{ app_user }}"
              vars:
                app_user: rigtest
              tasks:
                - name: as the play's user
                  shell: echo "play $(id -un) $HOME" > /tmp/{{ out | basename }}-play
                - name: a file copied as that user
                  copy: {dest: "/tmp/{{ out | basename }}-copied", content: "hello\n"}
                - name: a directory as that user
                  file: {path: "/tmp/{{ out | basename }}-dir", state: directory}
                - name: root again on the task
                  shell: echo "task $(id -un)" > /tmp/{{ out | basename }}-root
                  become_user: root
                - name: a block as root, a task in it as the user
                  become_user: root
                  block:
                    - copy: {dest: "/tmp/{{ out | basename }}-rootcopy", content: "r\n"}
                    - copy: {dest: "/tmp/{{ out | basename }}-usercopy", content: "u\n"}
                      become_user: rigtest
                - name: through su
                  shell: echo "su $(id -un)" > /tmp/{{ out | basename }}-su
                  become_method: su
                - name: without become, become_user does nothing
                  shell: echo "nobecome $(id -un)" > /tmp/{{ out | basename }}-nobecome
                  become: false
                - name: registered
                  command: id -un
                  register: who
                - copy: {dest: "/tmp/{{ out | basename }}-who", content: "{{ who.stdout }}\n"}
            """;

    @TempDir
    Path dir;
    private final Lab lab = Lab.existing();

    @Test
    void tasksRunAsTheUser_andWhatTheyWriteIsItsOwn() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        lab.atLeast(96);
        lab.reset(HOSTS.toArray(String[]::new));
        // -M: /home is the machine's own on every lab host
        for (String h : HOSTS) lab.sh(h, "useradd -M -s /bin/bash rigtest");
        Path inv = inventory(HOSTS);
        AnsibleBeside both = new AnsibleBeside(dir);
        AnsibleBeside.Run ansible = both.ansible("become", inv, PLAYBOOK);
        AnsibleBeside.Run rigger = both.rigger("become", inv, PLAYBOOK);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
        for (String h : HOSTS) {
            List<String> a = files(h, "become-ansible");
            assertThat(a).as(h + " (Ansible)").hasSize(9)
                    .contains("-copied rigtest rigtest 644 hello", "-su rigtest rigtest 644 su rigtest", "-root root root 644 task root");
            assertThat(files(h, "become-rigger")).as(h + context).isEqualTo(a);
        }
    }

    /** --become-user and --become-method on the command line: under the play's and tasks' own, as ansible-playbook's. */
    private static final String DEFAULTS_PLAYBOOK = """
            - hosts: all
              gather_facts: false
              become: true
              tasks:
                - name: as the command line says
                  shell: echo "cli $(id -un)" > /tmp/{{ out | basename }}-cli
                - name: a task's own become_user over it
                  shell: echo "task $(id -un)" > /tmp/{{ out | basename }}-task
                  become_user: root
                - name: a file written as the command line's user
                  copy: {dest: "/tmp/{{ out | basename }}-copied", content: "c\n"}
                - name: without become
                  shell: echo "nobecome $(id -un)" > /tmp/{{ out | basename }}-nobecome
                  become: false
            """;

    @Test
    void commandLineBecomeUserAndMethod_areTheDefault_underThePlaybooksOwn() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        List<String> hosts = List.of(System.getProperty("rigger.become.cli.host", "node47"));
        lab.atLeast(Integer.parseInt(hosts.get(0).replaceAll("\\D", "")));
        lab.reset(hosts.toArray(String[]::new));
        for (String h : hosts) lab.sh(h, "useradd -M -s /bin/bash rigtest");
        Path inv = inventory(hosts);
        AnsibleBeside both = new AnsibleBeside(dir);
        for (List<String> options : List.of(List.of("--become-user", "rigtest"), List.of("--become-user", "rigtest", "--become-method", "su"))) {
            String name = options.size() == 2 ? "sudo" : "su";
            AnsibleBeside.Run ansible = both.ansible(name, inv, DEFAULTS_PLAYBOOK, options.toArray(String[]::new));
            AnsibleBeside.Run rigger = both.rigger(name, inv, DEFAULTS_PLAYBOOK, options.toArray(String[]::new));
            String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
            assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
            for (String h : hosts) {
                List<String> a = files(h, name + "-ansible");
                assertThat(a).as(h + " (Ansible)").hasSize(4).contains("-cli rigtest rigtest 644 cli rigtest", "-task root root 644 task root");
                assertThat(files(h, name + "-rigger")).as(h + context).isEqualTo(a);
            }
        }
    }

    /** Each /tmp/PREFIX-* file on {@code host} as "-suffix owner group mode content". */
    private List<String> files(String host, String prefix) {
        String out = lab.sh(host, "cd /tmp && for f in " + prefix + "-*; do echo \"${f#" + prefix + "} $(stat -c '%U %G %a' $f)"
                + " $(cat $f 2>/dev/null)\"; done");
        return out.lines().map(String::strip).sorted().toList();
    }

    private Path inventory(List<String> hosts) throws Exception {
        StringBuilder sb = new StringBuilder("[all]\n");
        for (String h : hosts) {
            sb.append(h).append(" ansible_host=").append(lab.address(h)).append(" ansible_user=root ansible_ssh_private_key_file=")
                    .append(lab.clientKey()).append(" ansible_python_interpreter=/usr/bin/python3\n");
        }
        sb.append("[all:vars]\nansible_ssh_common_args='-o UserKnownHostsFile=").append(lab.knownHosts()).append("'\n");
        return Files.writeString(dir.resolve("hosts.ini"), sb.toString());
    }
}
