package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code force_handlers} (play keyword) and {@code --force-handlers} against ansible-playbook on two
 * local hosts, one of which fails after notifying: without it the failed host's handlers do not run,
 * with it they run where they would have (its section's end), and nothing after the failure runs
 * on it; the play's own keyword beats the command line. Per host the two logs must be the same
 * lines in the same order, and the exit codes equal.
 */
class ForceHandlersDifferentialTest {
    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              FORCE
              handlers:
                - name: hA
                  shell: echo "hA {{ inventory_hostname }}" >> {{ out }}/log
                - name: hB
                  shell: echo "hB {{ inventory_hostname }}" >> {{ out }}/log
              tasks:
                - name: t1
                  shell: echo "t1 {{ inventory_hostname }}" >> {{ out }}/log
                  notify: hA
                - name: boom on h1
                  fail: {msg: boom}
                  when: inventory_hostname == 'h1'
                - name: t2
                  shell: echo "t2 {{ inventory_hostname }}" >> {{ out }}/log
                  notify: hB
              post_tasks:
                - name: p1
                  shell: echo "p1 {{ inventory_hostname }}" >> {{ out }}/log
            - hosts: all
              gather_facts: false
              tasks:
                - name: second play
                  shell: echo "second {{ inventory_hostname }}" >> {{ out }}/log
            """;

    @TempDir
    Path dir;

    @Test
    void aFailedHostsNotifiedHandlers_runOnlyWhenForced_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1", "h2"));
        record Variant(String name, String keyword, String[] options, List<String> h1) { }
        List<Variant> variants = List.of(
                new Variant("plain", "", new String[0], List.of("t1 h1")),
                new Variant("keyword", "force_handlers: true", new String[0], List.of("t1 h1", "hA h1")),
                new Variant("option", "", new String[] {"--force-handlers"}, List.of("t1 h1", "hA h1")),
                new Variant("keyword-beats-option", "force_handlers: false", new String[] {"--force-handlers"}, List.of("t1 h1")));
        for (Variant v : variants) {
            String playbook = PLAYBOOK.replace("FORCE", v.keyword());
            AnsibleBeside.Run ansible = both.ansible(v.name(), inv, playbook, v.options());
            AnsibleBeside.Run rigger = both.rigger(v.name(), inv, playbook, v.options());
            String context = v.name() + "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
            assertThat(ansible.logOf("h1")).as("Ansible " + context).isEqualTo(v.h1());
            assertThat(ansible.logOf("h2")).as("Ansible " + context).containsExactly("t1 h2", "t2 h2", "hA h2", "hB h2", "p1 h2", "second h2");
            for (String h : List.of("h1", "h2")) assertThat(rigger.logOf(h)).as(h + " " + context).isEqualTo(ansible.logOf(h));
            assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isNotZero();
        }
    }
}
