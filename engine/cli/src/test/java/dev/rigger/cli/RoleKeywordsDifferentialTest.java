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
 * Task keywords written on a {@code roles:} entry (and on an {@code import_role} and an
 * include's {@code apply:}) against ansible-playbook on three local hosts: Ansible's tasks read
 * their role's keywords where they set none, so {@code become_user}, {@code remote_user},
 * {@code ignore_errors}, {@code run_once}, {@code delegate_to}, {@code no_log},
 * {@code check_mode} and {@code environment} reach every task of the role. The role's tasks
 * register what they saw, the play's own tasks (which the role's keywords do not reach) log it;
 * per host the two logs must be the same lines in the same order, the exit codes equal, and a
 * no_log task's output shown by neither. Under check_mode only whether the file was written is
 * logged: a later task reading what a check-mode task registered is unknown in Rigger (a pending
 * change), where Ansible reads the skipped result.
 */
class RoleKeywordsDifferentialTest {
    private static final List<String> HOSTS = List.of("h1", "h2", "h3");

    private static final String ROLE = """
            - name: who
              command: id -un
              register: who
              changed_when: false
            - name: env
              shell: echo "${ROLE_ENV:-none}"
              register: env
              changed_when: false
            - name: count
              shell: echo "ran {{ inventory_hostname }} {{ who.stdout }}" >> {{ out }}/log
              when: write | default(true)
            - name: write
              copy: {content: "x\\n", dest: "{{ out }}/f-{{ inventory_hostname }}"}
              register: w
              when: write | default(true)
            - name: fails
              shell: echo SECRET-OUTPUT; exit 1
              register: f
              when: fail_it | default(false)
            """;

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              USE
              tasks:
                - name: exists
                  stat: {path: "{{ out }}/f-{{ inventory_hostname }}"}
                  register: st
                - name: log
                  shell: >-
                    echo "log {{ inventory_hostname }} who={{ who.stdout | default('-') }} env={{ env.stdout | default('-') }}
                    wrote={{ w.changed | default('-') }} exists={{ st.stat.exists }} failed={{ f.failed | default('-') }}" >> {{ out }}/log
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "roles: [{role: probe, ignore_errors: true, fail_it: true, environment: {ROLE_ENV: set}, remote_user: root}]",
            "roles: [{role: probe, run_once: true}]",
            "roles: [{role: probe, delegate_to: h2}]",
            "roles: [{role: probe, no_log: true, ignore_errors: true, fail_it: true}]",
            "roles: [{role: probe, check_mode: true}]",
            "roles: [{role: probe, become: true, become_user: nobody, write: false}]",
            "roles: [{role: probe, fail_it: true}]",
            "pre_tasks: [{import_role: {name: probe}, vars: {fail_it: true}, ignore_errors: true, check_mode: true}]",
            "pre_tasks: [{include_role: {name: probe, apply: {run_once: true, environment: {ROLE_ENV: inc}}}}]",
    })
    void roleKeywords_reachTheRolesTasks_asInAnsible(String use) throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        Files.createDirectories(dir.resolve("roles/probe/tasks"));
        Files.writeString(dir.resolve("roles/probe/tasks/main.yml"), ROLE);
        String playbook = PLAYBOOK.replace("USE", use);
        if (use.contains("check_mode")) {
            // what a task registers in check mode is not known to Rigger's later tasks ("pending change"): log the file alone
            playbook = playbook.replaceAll("(?s)who=.*failed=[^\"]*", "exists={{ st.stat.exists }}");
        }
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(HOSTS);
        AnsibleBeside.Run ansible = both.ansible("role", inv, playbook);
        AnsibleBeside.Run rigger = both.rigger("role", inv, playbook);
        assertThat(ansible.log()).as("ansible ran:\n" + ansible.output()).isNotEmpty();
        for (String h : HOSTS) {
            assertThat(rigger.logOf(h)).as(h + "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output())
                    .isEqualTo(ansible.logOf(h));
        }
        assertThat(rigger.exitCode()).as(rigger.output()).isEqualTo(ansible.exitCode());
        if (use.contains("no_log")) {
            assertThat(ansible.output()).doesNotContain("SECRET-OUTPUT");
            assertThat(rigger.output()).doesNotContain("SECRET-OUTPUT");
        }
    }
}
