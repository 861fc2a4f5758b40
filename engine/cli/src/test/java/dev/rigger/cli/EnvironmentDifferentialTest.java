package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code environment} against ansible-playbook on two local hosts: on a play, a role (its tasks'
 * own over it), a block (its tasks' over it) and a task, merged as Ansible merges them (each
 * layer's names over the outer ones', no deeper); templated values and a template giving the
 * whole mapping; values as Python's str() writes them (3, True) and quoted as written; seen by
 * shell, by command (no shell of its own) and through sudo. Each task writes what it saw; the
 * two logs must hold the same lines, and the exit codes be equal.
 */
class EnvironmentDifferentialTest {
    private static final String ROLE = """
            - name: in role
              shell: echo "role {{ inventory_hostname }} P=$P SHARED=$SHARED R=$R" >> {{ out }}/log
            - name: in role, task over role
              shell: echo "roletask {{ inventory_hostname }} R=$R" >> {{ out }}/log
              environment: {R: task}
            """;

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              environment: {P: play, SHARED: play}
              vars:
                envmap: {FROM_MAP: "m-{{ inventory_hostname }}", SHARED: map}
              roles:
                - role: envrole
                  environment: {R: role, SHARED: role}
              tasks:
                - name: play only
                  shell: echo "play {{ inventory_hostname }} P=$P SHARED=$SHARED R=${R:-unset}" >> {{ out }}/log
                - name: task over play, templated, typed
                  shell: echo "task {{ inventory_hostname }} P=$P SHARED=$SHARED T=$T N=$N B=$B" >> {{ out }}/log
                  environment:
                    SHARED: "task-{{ inventory_hostname }}"
                    T: "it's \\"quoted\\" $HOME"
                    N: 3
                    B: true
                - name: a template giving the mapping
                  shell: echo "map {{ inventory_hostname }} P=$P SHARED=$SHARED FROM_MAP=$FROM_MAP" >> {{ out }}/log
                  environment: "{{ envmap }}"
                - name: block
                  environment: {SHARED: block, BL: b}
                  block:
                    - name: in block
                      shell: echo "block {{ inventory_hostname }} SHARED=$SHARED BL=$BL" >> {{ out }}/log
                    - name: in block, task over block
                      shell: echo "blocktask {{ inventory_hostname }} SHARED=$SHARED BL=$BL" >> {{ out }}/log
                      environment: {BL: t}
                - name: command module
                  command: printenv SHARED P
                  register: c
                  environment: {SHARED: cmd}
                - name: command result
                  shell: echo "cmd {{ inventory_hostname }} {{ c.stdout_lines | join(',') }}" >> {{ out }}/log
                - name: command with creates reads the environment too
                  command: printenv P
                  args: {chdir: /tmp}
                  register: c2
                - shell: echo "cmd2 {{ inventory_hostname }} {{ c2.stdout }}" >> {{ out }}/log
                - name: through sudo
                  shell: echo "sudo {{ inventory_hostname }} SHARED=$SHARED P=$P $(id -un)" >> {{ out }}/log
                  become: true
                  environment: {SHARED: sudo}
            """;

    @TempDir
    Path dir;

    @Test
    void mergedAsAnsibleMergesThem_andSeenByEveryProcessTheTaskRuns() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        Files.writeString(Files.createDirectories(dir.resolve("roles/envrole/tasks")).resolve("main.yml"), ROLE);
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1", "h2"));
        AnsibleBeside.Run ansible = both.ansible("env", inv, PLAYBOOK);
        AnsibleBeside.Run rigger = both.rigger("env", inv, PLAYBOOK);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
        List<String> expected = ansible.log().stream().sorted().toList();
        assertThat(expected).as("Ansible's own lines").contains("task h1 P=play SHARED=task-h1 T=it's \"quoted\" $HOME N=3 B=True",
                "blocktask h2 SHARED=block BL=t", "sudo h1 SHARED=sudo P=play root");
        assertThat(rigger.log().stream().sorted().toList()).as(context).isEqualTo(expected);
    }
}
