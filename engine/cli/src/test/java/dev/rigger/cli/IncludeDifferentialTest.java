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
}
