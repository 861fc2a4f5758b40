package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * set_fact and include_vars against ansible-playbook, on two local hosts: one playbook sets and
 * includes variables in every form (mapping and k=v, cacheable, a file named by a fact, a folder
 * with depth and name, a file read under a name, templates in an included file), and runs setup
 * as a task (subset and filter) and writes what
 * it then reads, registered results included, to a JSON file; both tools must write the same.
 * What wins is Ansible's precedence: include_vars over play and task vars, set_fact over
 * include_vars.
 */
class VarsDifferentialTest {
    @TempDir
    Path dir;

    @Test
    void setFactAndIncludeVars_readAsAnsibleReadsThem() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        Path vars = Files.createDirectories(dir.resolve("vars/site/sub"));
        Files.writeString(dir.resolve("vars/Debian.yml"), "os_pkg: \"pkg-{{ ansible_os_family | lower }}\"\nport: 80\n");
        Files.writeString(dir.resolve("vars/RedHat.yml"), "os_pkg: \"pkg-{{ ansible_os_family | lower }}\"\nport: 81\n");
        Files.writeString(dir.resolve("vars/site/a.yml"), "a: 1\nshared: from-a\n");
        Files.writeString(dir.resolve("vars/site/b.yaml"), "b: [2, 3]\nshared: from-b\n");
        Files.writeString(vars.resolve("c.yml"), "deep: true\n");
        Files.writeString(dir.resolve("extra.yml"), "x: \"{{ port + 1 }}\"\nport: 99\nnested: {k: \"{{ a }}\"}\n");
        String playbook = """
                - hosts: all
                  vars: {port: 1, a: play, shadow: play}
                  tasks:
                    - set_fact: {s1: "{{ a }}-x", n: 3, l: [1, "{{ inventory_hostname }}"]}
                      register: sf
                    - set_fact: kv=one kv2="{{ n }}"
                    - set_fact: {shadow: fact}
                    - include_vars: "{{ ansible_os_family }}.yml"
                      register: iv
                    - include_vars: {dir: vars/site}
                    - include_vars: {dir: vars/site, name: site, depth: 1}
                    - include_vars: {file: extra.yml, name: ex}
                    - set_fact: {a_under_task_vars: "{{ a }}"}
                      vars: {a: task}
                    - set_fact: {port: 5}
                    - include_vars: extra.yml
                    - set_fact: {c: 1, cacheable: true}
                    - set_fact: {hostname: web, cacheable: true}
                    - setup: {gather_subset: ['!all', '!min', network], filter: [ansible_default_ipv4, ansible_lo]}
                      register: st
                    - copy:
                        dest: "{{ out }}/{{ inventory_hostname }}.json"
                        content: "{{ {'s1': s1, 'n': n, 'l': l, 'sf': sf.ansible_facts, 'kv': kv, 'kv2': kv2, 'shadow': shadow,
                          'os_pkg': os_pkg, 'iv_files': iv.ansible_included_var_files | map('basename') | list, 'iv_port': iv.ansible_facts.port,
                          'a': a, 'b': b, 'shared': shared, 'deep': deep, 'site': site, 'ex': ex, 'x': x, 'nested': nested, 'port': port,
                          'a_under_task_vars': a_under_task_vars, 'c': c, 'c_fact': ansible_facts.c,
                          'hostname': hostname, 'ansible_hostname': ansible_hostname, 'facts_hostname': ansible_facts.hostname,
                          'setup_keys': st.ansible_facts | list | sort, 'gw_iface': ansible_default_ipv4.interface} | to_json }}"
                """;
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1", "h2"));
        AnsibleBeside.Run ansible = both.ansible("vars", inv, playbook);
        AnsibleBeside.Run rigger = both.rigger("vars", inv, playbook);
        assertThat(ansible.exitCode()).as(ansible.output()).isZero();
        assertThat(rigger.exitCode()).as(rigger.output()).isZero();
        ObjectMapper json = new ObjectMapper();
        for (String h : List.of("h1", "h2")) {
            JsonNode a = json.readTree(ansible.out().resolve(h + ".json").toFile());
            JsonNode r = json.readTree(rigger.out().resolve(h + ".json").toFile());
            assertThat(r).as(h + "\nrigger:  " + r + "\nansible: " + a).isEqualTo(a);
        }
    }
}
