package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ignore_errors} and {@code no_log} given as templates, rendered per host as Ansible does
 * (the vendored roles write {@code ignore_errors: "{{ ansible_check_mode }}"} and
 * {@code no_log: "{{ mysql_hide_passwords }}"}): which hosts go on past a failure, what each
 * registers, and whose output is hidden, against ansible-playbook on two local hosts.
 */
class TemplatedFlagsDifferentialTest {
    @TempDir
    Path dir;

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              vars: {secret: "s3cr3t-Wq9", tolerant: "{{ inventory_hostname == 'h1' }}", hide: "{{ inventory_hostname == 'h2' }}"}
              tasks:
                - name: fails everywhere
                  command: {argv: ["false"]}
                  ignore_errors: "{{ ansible_check_mode }}"
                  when: false
                - name: fails, ignored on h1 only
                  command: {argv: ["false"]}
                  ignore_errors: "{{ tolerant }}"
                  register: f
                - shell: echo "went on {{ inventory_hostname }} {{ f.failed }}" >> {{ out }}/log
                - name: prints the secret unless hidden
                  command: {argv: [echo, "{{ secret }}"]}
                  no_log: "{{ hide }}"
                  register: e
                - shell: echo "echoed {{ inventory_hostname }} {{ e.stdout | length }}" >> {{ out }}/log
            """;

    @Test
    void templatedFlags_arePerHost_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "ansible-playbook is not installed");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1", "h2"));
        AnsibleBeside.Run a = both.ansible("flags", inv, PLAYBOOK);
        AnsibleBeside.Run r = both.rigger("flags", inv, PLAYBOOK);
        assertThat(r.log().stream().sorted().toList()).as(a.output() + "\n---\n" + r.output())
                .isEqualTo(a.log().stream().sorted().toList()).containsExactly("echoed h1 10", "went on h1 True");
        assertThat(r.exitCode()).isEqualTo(a.exitCode()).isEqualTo(2);
    }

    @Test
    void noLog_hidesPerHost() throws Exception {
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1", "h2"));
        String pb = """
                - hosts: all
                  gather_facts: false
                  vars: {secret: "s3cr3t-Wq9", hide: "{{ inventory_hostname == 'h2' }}"}
                  tasks:
                    - command: {argv: [sh, -c, "echo {{ secret }}-{{ inventory_hostname }}; exit 3"]}
                      no_log: "{{ hide }}"
                      ignore_errors: true
                """;
        Path file = dir.resolve("nolog.yml");
        Files.writeString(file, pb);
        Cli.Result r = Cli.run("play", "-v", "-i", inv.toString(), file.toString());
        assertThat(r.all()).contains("s3cr3t-Wq9-h1").doesNotContain("s3cr3t-Wq9-h2");
    }
}
