package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which of the values a keyword is given around a task wins, against ansible-playbook on three
 * local hosts: the nearest one set (a task's {@code ignore_errors: false} inside an ignoring block
 * fails), and what of a role entry, a dependent role, a block around {@code import_role} and an
 * include's {@code apply:} reaches the role's handlers ({@code when}, {@code environment}, ...).
 * Tasks and handlers log what they saw; per host the two logs must be the same lines in the same
 * order, the exit codes equal, and an output hidden by neither or by both.
 */
class KeywordPrecedenceDifferentialTest {
    private static final List<String> HOSTS = List.of("h1", "h2", "h3");

    private static final String HANDLER = """
            - name: rh
              shell: echo "h {{ inventory_hostname }} X=${X:-none} D=${D:-none}" >> {{ out }}/log
            """;

    /**
     * Notified on every host after the play's tasks (where the play has role r's handler): whether
     * and how the handler runs is the keywords around the role's doing.
     */
    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              USE
              post_tasks:
                - name: notify
                  command: "true"
                  changed_when: true
                  notify: rh
                - name: after
                  shell: echo "after {{ inventory_hostname }}" >> {{ out }}/log
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // the nearest value set wins
            "tasks: [{block: [{name: own, command: /bin/false, ignore_errors: false, when: \"inventory_hostname == 'h1'\"},"
                    + " {name: unset, command: /bin/false, when: \"inventory_hostname == 'h2'\"}], ignore_errors: true}]",
            "tasks: [{block: [{block: [{name: inner, command: /bin/false, when: \"inventory_hostname == 'h2'\"}], ignore_errors: false}],"
                    + " ignore_errors: true}]",
            "tasks: [{block: [{name: templated, command: /bin/false, ignore_errors: \"{{ ansible_check_mode }}\","
                    + " when: \"inventory_hostname == 'h3'\"}], ignore_errors: true}]",
            "tasks: [{block: [{name: each, shell: 'echo \"each {{ inventory_hostname }}\" >> {{ out }}/log', run_once: false},"
                    + " {name: once, shell: 'echo \"once {{ inventory_hostname }}\" >> {{ out }}/log'}], run_once: true}]",
            "tasks: [{block: [{name: shown, shell: 'echo SHOWN-OUTPUT; exit 1', no_log: false, ignore_errors: true}], no_log: true}]",
            "roles: [{role: own, ignore_errors: true}]",
            // what reaches the role's handlers
            "roles: [{role: app, when: \"inventory_hostname != 'h3'\", environment: {X: app}}]",
            "roles: [{role: r, when: \"inventory_hostname != 'h2'\"}]",
            "tasks: [{block: [{import_role: {name: r}, when: \"inventory_hostname != 'h1'\", environment: {X: imp}}],"
                    + " when: \"inventory_hostname != 'h3'\", environment: {X: blk, D: blk}}]",
            "tasks: [{include_role: {name: r, apply: {when: \"inventory_hostname != 'h3'\", environment: {X: app}}},"
                    + " when: \"inventory_hostname != 'h1'\"}]",
            "tasks: [{block: [{include_role: {name: r}}], when: \"inventory_hostname != 'h2'\", environment: {X: blk}}]",
            "tasks: [{import_tasks: imp.yml, when: \"inventory_hostname != 'h3'\", environment: {X: it}}]",
    })
    void keywords_nearestSetValueWins_andReachTheRolesHandlers_asInAnsible(String use) throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        write("roles/r/tasks/main.yml", "- name: r\n  shell: echo \"t {{ inventory_hostname }} X=${X:-none}\" >> {{ out }}/log\n");
        write("roles/r/handlers/main.yml", HANDLER);
        write("imp.yml", "- import_role: {name: r}\n");
        write("roles/app/meta/main.yml", "dependencies: [{role: r, environment: {D: dep}}]\n");
        write("roles/app/tasks/main.yml", "- debug: {msg: app}\n");
        write("roles/own/tasks/main.yml", """
                - {name: own, command: /bin/false, ignore_errors: false, when: "inventory_hostname == 'h2'"}
                - {name: unset, command: /bin/false, when: "inventory_hostname == 'h3'"}
                """);
        String playbook = PLAYBOOK.replace("USE", use);
        if (!use.matches(".*(role: app|role: r|name: r|imp)\\b.*")) playbook = playbook.replace("      notify: rh\n", "");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(HOSTS);
        AnsibleBeside.Run ansible = both.ansible("kw", inv, playbook);
        AnsibleBeside.Run rigger = both.rigger("kw", inv, playbook);
        assertThat(ansible.log()).as("ansible ran:\n" + ansible.output()).isNotEmpty();
        for (String h : HOSTS) {
            assertThat(rigger.logOf(h)).as(h + "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output())
                    .isEqualTo(ansible.logOf(h));
        }
        assertThat(rigger.exitCode()).as(rigger.output()).isEqualTo(ansible.exitCode());
        assertThat(rigger.output().contains("SHOWN-OUTPUT")).as(rigger.output()).isEqualTo(ansible.output().contains("SHOWN-OUTPUT"));
    }

    private void write(String path, String text) throws java.io.IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
