package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * debug's registered msg against ansible-playbook: a message that renders to a boolean, a number,
 * a mapping or a list stays that type (it was registered as its string), a string stays a string;
 * and the run shows a mapping as JSON, not as Java's text for it.
 */
class DebugDifferentialTest {
    @TempDir
    Path dir;

    @Test
    void msg_isRegisteredAsTheValueItRendersTo() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        String playbook = """
                - hosts: all
                  gather_facts: false
                  vars: {flag: true, port: 8080, conf: {name: web, ports: [80, 443]}}
                  tasks:
                    - {debug: {msg: "{{ flag }}"}, register: b}
                    - {debug: {msg: "{{ port }}"}, register: n}
                    - {debug: {msg: "{{ conf }}"}, register: d}
                    - {debug: {msg: "{{ conf.ports }}"}, register: l}
                    - {debug: {msg: "port {{ port }}"}, register: s}
                    - copy:
                        dest: "{{ out }}/{{ inventory_hostname }}.json"
                        content: "{{ {'b': b.msg, 'b_bool': b.msg is boolean, 'n': n.msg, 'n_num': n.msg is number, 'd': d.msg,
                          'd_map': d.msg is mapping, 'l': l.msg, 'l_list': l.msg is sequence and l.msg is not string,
                          's': s.msg, 's_str': s.msg is string} | to_json }}"
                """;
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1"));
        AnsibleBeside.Run ansible = both.ansible("debug", inv, playbook);
        AnsibleBeside.Run rigger = both.rigger("debug", inv, playbook);
        assertThat(ansible.exitCode()).as(ansible.output()).isZero();
        assertThat(rigger.exitCode()).as(rigger.output()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(ansible.out().resolve("h1.json").toFile());
        JsonNode r = json.readTree(rigger.out().resolve("h1.json").toFile());
        assertThat(r).as("rigger:  " + r + "\nansible: " + a).isEqualTo(a);
        assertThat(a.get("d_map").asBoolean()).as("the case under test: Ansible keeps a mapping").isTrue();
        assertThat(rigger.output()).contains("{\"name\": \"web\", \"ports\": [80, 443]}").doesNotContain("{name=web");
    }

    /**
     * var: registers only the expression and its value (no msg) and prints a mapping as JSON; a
     * task whose verbosity the run's -v count does not reach is skipped with Ansible's reason,
     * one it reaches runs.
     */
    @Test
    void varOfAMapping_andVerbosity_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        String playbook = """
                - hosts: all
                  gather_facts: false
                  vars: {conf: {name: web, ports: [80, 443]}}
                  tasks:
                    - {debug: {var: conf}, register: v}
                    - {debug: {msg: one, verbosity: 1}, register: v1}
                    - {debug: {var: conf, verbosity: 2}, register: v2}
                    - copy:
                        dest: "{{ out }}/{{ inventory_hostname }}.json"
                        content: "{{ {'v_map': v.conf is mapping, 'v_msg': 'msg' in v, 'v1': v1.skipped | default(false),
                          'v1_why': v1.skipped_reason | default(''), 'v1_msg': v1.msg | default(''),
                          'v2': v2.skipped | default(false), 'v2_why': v2.skipped_reason | default('')} | to_json }}"
                """;
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1"));
        ObjectMapper json = new ObjectMapper();
        for (String[] options : List.of(new String[0], new String[] {"-v"})) {
            AnsibleBeside.Run ansible = both.ansible("verbosity" + options.length, inv, playbook, options);
            AnsibleBeside.Run rigger = both.rigger("verbosity" + options.length, inv, playbook, options);
            assertThat(ansible.exitCode()).as(ansible.output()).isZero();
            assertThat(rigger.exitCode()).as(rigger.output()).isZero();
            JsonNode a = json.readTree(ansible.out().resolve("h1.json").toFile());
            JsonNode r = json.readTree(rigger.out().resolve("h1.json").toFile());
            assertThat(r).as("-v x " + options.length + "\nrigger:  " + r + "\nansible: " + a).isEqualTo(a);
            assertThat(a.get("v1").asBoolean()).as("the case under test: verbosity 1 skipped without -v only").isEqualTo(options.length == 0);
            assertThat(a.get("v2").asBoolean()).as("verbosity 2 is skipped with one -v").isTrue();
            assertThat(rigger.output()).contains("conf: {\"name\": \"web\", \"ports\": [80, 443]}").doesNotContain("{name=web");
        }
    }
}
