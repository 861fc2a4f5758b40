package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * set_fact keys written as templates, against ansible-playbook on three local hosts: Ansible
 * renders each key per host (devsec's roles set their OS variables with
 * {@code "{{ item.key }}": "{{ item.value }}"} over a dict, skipping those already defined with a
 * {@code when} that reads the item: a looped task's when is tested on each item, and a loop whose
 * list cannot be rendered is skipped when the when is false on the task's variables). Per
 * host the two logs must be the same lines, and a key rendering to no variable name fails the
 * host in both.
 */
class TemplatedSetFactDifferentialTest {
    private static final List<String> HOSTS = List.of("h1", "h2", "h3");

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              vars:
                kind: web
                preset: given
                os_vars: {preset: from_dict, pkg: "pkg-{{ inventory_hostname }}", level: 3}
              tasks:
                - name: from a dict, unless defined
                  set_fact:
                    "{{ item.key }}": "{{ item.value }}"
                  when: not lookup('varnames', '^' + item.key + '$')
                  with_dict: "{{ os_vars }}"
                - name: every item skipped
                  command: echo {{ item }}
                  when: item > 5
                  loop: [1, 2]
                  register: none_ran
                - name: a loop over nothing defined, when false
                  command: echo {{ item }}
                  when: undefined_list is defined
                  loop: "{{ undefined_list }}"
                - name: shaped
                  set_fact: {"{{ kind }}_port": "{{ 80 if inventory_hostname == 'h1' else 8080 }}"}
                - name: per host
                  set_fact: {"{{ inventory_hostname }}_own": yes}
                - name: log
                  shell: >-
                    echo "log {{ inventory_hostname }} {{ preset }} {{ pkg }} {{ level }} {{ web_port }}
                    {{ lookup('vars', inventory_hostname ~ '_own') }} {{ h2_own | default('-') }}
                    {{ none_ran.skipped }} {{ none_ran.msg }} {{ none_ran.results | map(attribute='skipped') | list }}" >> {{ out }}/log
                - name: not a name
                  set_fact: {"{{ inventory_hostname }}-bad": 1}
                  when: inventory_hostname == 'h3'
                - name: after
                  shell: echo "after {{ inventory_hostname }}" >> {{ out }}/log
            """;

    @TempDir
    Path dir;

    @Test
    void templatedKeys_areRenderedPerHost_asInAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(HOSTS);
        AnsibleBeside.Run ansible = both.ansible("keys", inv, PLAYBOOK);
        AnsibleBeside.Run rigger = both.rigger("keys", inv, PLAYBOOK);
        assertThat(ansible.log()).as("ansible ran:\n" + ansible.output()).isNotEmpty();
        for (String h : HOSTS) {
            assertThat(rigger.logOf(h)).as(h + "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output())
                    .isEqualTo(ansible.logOf(h));
        }
        assertThat(ansible.logOf("h3")).as("h3 fails on its bad name").hasSize(1);
        assertThat(rigger.output()).contains("The variable name 'h3-bad' is not valid");
        assertThat(rigger.exitCode()).as(rigger.output()).isEqualTo(ansible.exitCode());
    }
}
