package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * include_tasks with a loop against ansible-playbook on two local hosts: the tasks once per item,
 * in order, with loop_var, index_var and extended's ansible_loop, item values templated per host,
 * the include's when tested per item, with_items flattening one level, a file name read from the
 * item, and ansible_loop_var left unset for the included tasks as Ansible 2.14 does. Per host, the
 * logs must be the same lines in the same order, and the exit codes equal.
 */
class IncludeLoopDifferentialTest {
    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              tasks:
                - include_tasks: inner.yml
                  loop:
                    - {path: /a, mode: "{{ mode }}"}
                    - {path: /b, mode: "0700"}
                    - {path: /c, mode: "0600"}
                  loop_control: {loop_var: m, index_var: i, extended: true, label: "{{ m.path }}"}
                  when: m.path != '/c' and (m.path != '/b' or inventory_hostname == 'h1')
                - include_tasks: "{{ item }}.yml"
                  with_items: [[x, y]]
                - shell: echo "end {{ inventory_hostname }} {{ item | default('noitem') }} {{ ansible_loop_var | default('nolv') }}" >> {{ out }}/log
            """;

    @TempDir
    Path dir;

    @Test
    void includeTasksLoop_oncePerItem_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        Files.writeString(dir.resolve("inner.yml"), """
                - shell: echo "in {{ inventory_hostname }} {{ m.path }} {{ m.mode }} {{ i }} {{ ansible_loop.index }}/{{ ansible_loop.length }} {{ ansible_loop.last }} {{ ansible_loop_var | default('nolv') }}" >> {{ out }}/log
                - shell: echo "in2 {{ inventory_hostname }} {{ m.path }}" >> {{ out }}/log
                  when: m.path != '/b'
                """);
        Files.writeString(dir.resolve("x.yml"), "- shell: echo \"x {{ inventory_hostname }} {{ item }}\" >> {{ out }}/log\n");
        Files.writeString(dir.resolve("y.yml"), "- shell: echo \"y {{ inventory_hostname }} {{ item }}\" >> {{ out }}/log\n");
        Path inv = dir.resolve("hosts.ini");
        Files.writeString(inv, "[all]\nh1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3 mode=0755\n"
                + "h2 ansible_connection=local ansible_python_interpreter=/usr/bin/python3 mode=0750\n");
        AnsibleBeside both = new AnsibleBeside(dir);
        AnsibleBeside.Run ansible = both.ansible("loop", inv, PLAYBOOK);
        AnsibleBeside.Run rigger = both.rigger("loop", inv, PLAYBOOK);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(ansible.logOf("h1")).as("Ansible" + context).containsExactly("in h1 /a 0755 0 1/3 False nolv", "in2 h1 /a",
                "in h1 /b 0700 1 2/3 False nolv", "x h1 x", "y h1 y", "end h1 noitem nolv");
        for (String h : List.of("h1", "h2")) assertThat(rigger.logOf(h)).as(h + context).isEqualTo(ansible.logOf(h));
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
    }

    /**
     * include_role with a loop: the role's tasks once per item, in order, under loop_var and
     * index_var, with the include's vars over the role's defaults, with_items flattening one
     * level; a handler the role's tasks notify runs at the play's end as often as Ansible runs it.
     */
    private static final String ROLE_LOOP = """
            - hosts: all
              gather_facts: false
              tasks:
                - include_role: {name: r1}
                  loop: [one, "{{ inventory_hostname }}x"]
                  loop_control: {loop_var: x, index_var: i}
                - include_role: {name: r1}
                  vars: {i: 9, rv: given}
                  with_items: [[three], four]
                  loop_control: {loop_var: x}
                  when: x != 'four' or inventory_hostname == 'h1'
            """;

    @Test
    void includeRoleLoop_oncePerItem_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        Path role = Files.createDirectories(dir.resolve("roles/r1"));
        Files.createDirectories(role.resolve("tasks"));
        Files.createDirectories(role.resolve("handlers"));
        Files.createDirectories(role.resolve("defaults"));
        Files.writeString(role.resolve("tasks/main.yml"), """
                - shell: echo "r1 {{ inventory_hostname }} {{ x }} {{ i }} {{ rv }}" >> {{ out }}/log
                  notify: h
                """);
        Files.writeString(role.resolve("handlers/main.yml"), "- name: h\n  shell: echo \"h {{ inventory_hostname }}\" >> {{ out }}/log\n");
        Files.writeString(role.resolve("defaults/main.yml"), "rv: dflt\n");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1", "h2"));
        AnsibleBeside.Run ansible = both.ansible("roleloop", inv, ROLE_LOOP);
        AnsibleBeside.Run rigger = both.rigger("roleloop", inv, ROLE_LOOP);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(ansible.logOf("h1")).as("Ansible" + context).containsExactly("r1 h1 one 0 dflt", "r1 h1 h1x 1 dflt",
                "r1 h1 three 9 given", "r1 h1 four 9 given", "h h1", "h h1");
        for (String h : List.of("h1", "h2")) assertThat(rigger.logOf(h)).as(h + context).isEqualTo(ansible.logOf(h));
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
    }
}
