package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code with_<lookup>} loops made by lookup plugins (Ansible's with_X is query('X', ...)), run in a
 * role against ansible-playbook on two local hosts: with_first_found for include_vars looks in the
 * role's vars/ (a per-host name, skip: true, and a miss that fails the task), with_fileglob in the
 * role's files/, with_community.general.flattened, with_file, with_env, with_varnames, and
 * lookup('file') and query('fileglob') reading the role's files/. The logs (sorted: the hosts write
 * the same file) and exit codes must be equal.
 */
class LookupLoopsDifferentialTest {
    private static final String TASKS = """
            - include_vars: "{{ item }}"
              with_first_found:
                - files: ["{{ inventory_hostname }}-none.yml", "{{ inventory_hostname }}.yml", default.yml]
                  skip: true
            - shell: echo "ff {{ inventory_hostname }} {{ color }}" >> {{ out }}/log
            - shell: echo "ffskip {{ inventory_hostname }} {{ item }}" >> {{ out }}/log
              with_first_found:
                - files: [nowhere.yml]
                  skip: true
            - shell: echo "ffmiss {{ inventory_hostname }} {{ item }}" >> {{ out }}/log
              with_first_found: [nowhere.yml]
              ignore_errors: true
              register: miss
            - shell: echo "missed {{ inventory_hostname }} {{ miss.failed }}" >> {{ out }}/log
            - shell: echo "glob {{ inventory_hostname }} {{ item | basename }}" >> {{ out }}/log
              with_fileglob: ["*.txt"]
            - shell: echo "globdir {{ inventory_hostname }} {{ item | basename }}" >> {{ out }}/log
              with_fileglob: ["sub/*.conf"]
            - shell: echo "flat {{ inventory_hostname }} {{ item }}" >> {{ out }}/log
              with_community.general.flattened:
                - "{{ xs }}"
                - [c, [d, [e]]]
            - shell: echo "file {{ inventory_hostname }} {{ item }}" >> {{ out }}/log
              with_file: [a.txt]
            - shell: echo "env {{ inventory_hostname }} {{ item }}" >> {{ out }}/log
              with_env: [LOOKUP_LOOPS_TEST]
            - shell: echo "names {{ inventory_hostname }} {{ item }}" >> {{ out }}/log
              with_varnames: ["^xs$"]
            - shell: echo "lookup {{ inventory_hostname }} {{ lookup('file', 'a.txt') }} {{ query('fileglob', '*.txt') | map('basename') | sort | join(',') }}" >> {{ out }}/log
            """;

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              vars: {xs: [a, b]}
              roles: [looper]
            """;

    @TempDir
    Path dir;

    @Test
    void lookupLoopsInARole_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        Path role = dir.resolve("roles/looper");
        Files.createDirectories(role.resolve("tasks"));
        Files.createDirectories(role.resolve("vars"));
        Files.createDirectories(role.resolve("files/sub"));
        Files.writeString(role.resolve("tasks/main.yml"), TASKS);
        Files.writeString(role.resolve("vars/h1.yml"), "color: red\n");
        Files.writeString(role.resolve("vars/default.yml"), "color: grey\n");
        Files.writeString(role.resolve("files/a.txt"), "alpha\n");
        Files.writeString(role.resolve("files/b.txt"), "beta\n");
        Files.writeString(role.resolve("files/sub/x.conf"), "x\n");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1", "h2"));
        AnsibleBeside.Run ansible = both.ansible("lookups", inv, PLAYBOOK);
        AnsibleBeside.Run rigger = both.rigger("lookups", inv, PLAYBOOK);
        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(ansible.log()).as("Ansible" + context).contains("ff h1 red", "ff h2 grey", "missed h1 True", "glob h2 b.txt",
                "globdir h1 x.conf", "flat h1 e", "file h2 alpha", "names h1 xs", "lookup h1 alpha a.txt,b.txt");
        assertThat(rigger.log().stream().sorted().toList()).as(context).isEqualTo(ansible.log().stream().sorted().toList());
        assertThat(rigger.exitCode()).as(context).isEqualTo(ansible.exitCode()).isZero();
    }
}
