package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templated include_tasks and include_vars file names, chosen per host, against ansible-playbook on
 * four local hosts: in a role ({@code setup-{{ fam }}.yml}, with args: {apply: ...} and a when),
 * beside the playbook, a name naming no file (that host fails, the others go on), a host the
 * include's when skips, and include_vars of a per-host name. Per host, the logs must be the same
 * lines in the same order, and the exit codes equal.
 */
class IncludeDifferentialTest {
    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              roles: [setup]
              tasks:
                - include_tasks: "play-{{ fam | lower }}.yml"
                  when: fam != 'Red'
                - include_vars: "{{ fam }}.yml"
                  when: fam == 'Deb'
                - shell: echo "end {{ inventory_hostname }} {{ color | default('none') }}" >> {{ out }}/log
            """;

    @TempDir
    Path dir;

    @Test
    void templatedIncludeNames_chosenPerHost_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        Path tasks = Files.createDirectories(dir.resolve("roles/setup/tasks"));
        Files.writeString(tasks.resolve("main.yml"), """
                - include_tasks: "setup-{{ fam }}.yml"
                  args:
                    apply:
                      tags: [setup]
                  when: fam != 'skip'
                - shell: echo "role-end {{ inventory_hostname }}" >> {{ out }}/log
                """);
        Files.writeString(tasks.resolve("setup-Red.yml"), "- shell: echo \"red {{ inventory_hostname }}\" >> {{ out }}/log\n");
        Files.writeString(tasks.resolve("setup-Deb.yml"), """
                - shell: echo "deb {{ inventory_hostname }}" >> {{ out }}/log
                - shell: echo "deb2 {{ inventory_hostname }} {{ fam }}" >> {{ out }}/log
                """);
        Files.writeString(tasks.resolve("setup-skip.yml"), "- shell: echo \"never {{ inventory_hostname }}\" >> {{ out }}/log\n");
        Files.writeString(dir.resolve("play-deb.yml"), "- shell: echo \"play-deb {{ inventory_hostname }}\" >> {{ out }}/log\n");
        Files.writeString(dir.resolve("play-skip.yml"), "- shell: echo \"play-skip {{ inventory_hostname }}\" >> {{ out }}/log\n");
        Files.writeString(dir.resolve("Deb.yml"), "color: blue\n");
        Path inv = dir.resolve("hosts.ini");
        StringBuilder sb = new StringBuilder("[all]\n");
        String[][] hosts = {{"h1", "Red"}, {"h2", "Deb"}, {"h3", "Nowhere"}, {"h4", "skip"}};
        for (String[] h : hosts) {
            sb.append(h[0]).append(" ansible_connection=local ansible_python_interpreter=/usr/bin/python3 fam=").append(h[1]).append('\n');
        }
        Files.writeString(inv, sb.toString());
        AnsibleBeside both = new AnsibleBeside(dir);
        AnsibleBeside.Run ansible = both.ansible("include", inv, PLAYBOOK);
        AnsibleBeside.Run rigger = both.rigger("include", inv, PLAYBOOK);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(ansible.logOf("h1")).as("Ansible" + context).containsExactly("red h1", "role-end h1", "end h1 none");
        assertThat(ansible.logOf("h2")).as("Ansible" + context).containsExactly("deb h2", "deb2 h2 Deb", "role-end h2", "play-deb h2", "end h2 blue");
        assertThat(ansible.logOf("h3")).as("Ansible: no such file, the host fails" + context).isEmpty();
        assertThat(ansible.logOf("h4")).as("Ansible" + context).containsExactly("role-end h4", "play-skip h4", "end h4 none");
        for (String[] h : hosts) assertThat(rigger.logOf(h[0])).as(h[0] + context).isEqualTo(ansible.logOf(h[0]));
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isEqualTo(2);
        assertThat(rigger.output()).contains("Could not find or access '" + tasks.toRealPath().resolve("setup-Nowhere.yml"));
    }

    /**
     * A file an include reads names a module neither tool has (another system's package manager, as
     * public roles' setup-Archlinux.yml do). Ansible reads such a file only when a host reaches the
     * include: while none does, the play runs as if the file were fine, and Rigger (which loads it
     * with a warning) does the same, compared here. When a host does reach it, Ansible 2.14 aborts the
     * whole run there ("ERROR! couldn't resolve module/action", exit 4, no recap); Rigger fails that
     * host at the include, running nothing of the file, and lets the others finish (exit 2): both
     * asserted, the difference is in docs/roles.md.
     */
    @Test
    void aModuleNeitherToolHas_inAnIncludedFile_mattersOnlyWhenAHostReachesIt() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        Files.writeString(dir.resolve("setup-Deb.yml"), "- shell: echo \"deb {{ inventory_hostname }}\" >> {{ out }}/log\n");
        Files.writeString(dir.resolve("setup-Other.yml"), "- shell: echo \"other {{ inventory_hostname }}\" >> {{ out }}/log\n");
        Files.writeString(dir.resolve("setup-Arch.yml"), """
                - shell: echo "arch-first {{ inventory_hostname }}" >> {{ out }}/log
                - rd_no_such_pkg_manager: { name: nginx, state: present }
                - shell: echo "arch-after {{ inventory_hostname }}" >> {{ out }}/log
                """);
        Files.writeString(dir.resolve("extra.yml"), """
                - shell: echo "extra {{ inventory_hostname }}" >> {{ out }}/log
                - rd_other_missing_module: {}
                  when: inventory_hostname != 'h1'
                """);
        String playbook = """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - shell: echo "first {{ inventory_hostname }}" >> {{ out }}/log
                    - include_tasks: "setup-{{ fam }}.yml"
                    - include_tasks: extra.yml
                      when: fam == 'Nobody'
                    - shell: echo "end {{ inventory_hostname }}" >> {{ out }}/log
                """;
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = inventory("hosts.ini", new String[][] {{"h1", "Deb"}, {"h3", "Other"}});
        AnsibleBeside.Run ansible = both.ansible("unreached", inv, playbook);
        AnsibleBeside.Run rigger = both.rigger("unreached", inv, playbook);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(ansible.logOf("h1")).as("Ansible" + context).containsExactly("first h1", "deb h1", "end h1");
        assertThat(ansible.logOf("h3")).as("Ansible" + context).containsExactly("first h3", "other h3", "end h3");
        for (String h : List.of("h1", "h3")) assertThat(rigger.logOf(h)).as(h + context).isEqualTo(ansible.logOf(h));
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
        assertThat(rigger.output()).contains("warning: unknown module 'rd_no_such_pkg_manager'", "warning: unknown module 'rd_other_missing_module'");

        Path reached = inventory("reached.ini", new String[][] {{"h4", "Deb"}, {"h5", "Arch"}});
        ansible = both.ansible("reached", reached, playbook);
        rigger = both.rigger("reached", reached, playbook);
        context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(ansible.exitCode()).as("Ansible aborts the run" + context).isEqualTo(4);
        assertThat(ansible.output()).as(context).contains("ERROR! couldn't resolve module/action 'rd_no_such_pkg_manager'").doesNotContain("PLAY RECAP");
        assertThat(ansible.logOf("h5")).as("Ansible runs nothing of the file" + context).containsExactly("first h5");
        assertThat(rigger.logOf("h5")).as("Rigger runs nothing of the file either" + context).containsExactly("first h5");
        assertThat(rigger.logOf("h4")).as("Rigger lets the other host finish" + context).containsExactly("first h4", "deb h4", "end h4");
        assertThat(rigger.exitCode()).as(context).isEqualTo(2);
        assertThat(rigger.output()).contains("h5 / fail: couldn't resolve module/action 'rd_no_such_pkg_manager'");
    }

    private Path inventory(String name, String[][] hosts) throws java.io.IOException {
        StringBuilder sb = new StringBuilder("[all]\n");
        for (String[] h : hosts) {
            sb.append(h[0]).append(" ansible_connection=local ansible_python_interpreter=/usr/bin/python3 fam=").append(h[1]).append('\n');
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }
}
