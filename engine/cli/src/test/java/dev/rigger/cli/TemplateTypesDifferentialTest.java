package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The type a templated string renders to, against ansible-playbook 2.14 (jinja2_native off, its
 * default): a table of templates, each given as a play variable, as debug's msg (registered), as a
 * set_fact value and as copy's content (the file read back). Ansible keeps the value of exactly
 * {@code {{ name }}} of a bool or number, reads a list, a dict, True or False back from the text of
 * anything else ({@code ansible_eval_concat}: so {@code "{{ 1 + 1 }}"} is the string "2" and
 * {@code "{{ '[1, 2]' }}"} a list), writes Python's str() around text (True, ['a', 'b']),
 * set_fact turns the strings true/false/yes/no into booleans, copy writes a list or dict content as
 * JSON and a boolean as True. The values are compared as JSON, so a type difference fails.
 */
class TemplateTypesDifferentialTest {
    @TempDir
    Path dir;

    /** Every path of each: a play variable, debug's msg, set_fact and copy's content. */
    private static final List<String> CASES = List.of(
            "{{ t }}", "{{ f }}", "{{ t | bool }}", "{{ not t }}", "{{ n }}", "{{ n + 1 }}", "{{ 1 + 1 }}", "{{ 1.5 }}",
            "{{ 'x' ~ n }}", "{{ s1 }}", "{{ '1' }}", "{{ 'True' }}", "{{ 'true' }}", "{{ 'False' }}", "{{ sfalse }}",
            "{{ sFalse }}", "{{ syes }}", "{{ l }}", "{{ [1, 2] }}", "x{{ [1, 2] }}", "{{ [1, 2] }} ", "{{ l }}{{ l }}",
            "{{ d }}", "pre {{ d }}", "{{ d | to_json }}", "{{ d | string }}", "{{ l | join(',') }}", "{{ nv }}x",
            "{{ none }}", "{{ None }}", "{{ t }} and {{ f }}", "{{ n }}{{ n }}", "{{ '[1, 2]' }}", "{{ '{\"a\": 1}' }}",
            "{{ \"['a', 'b']\" }}", "{{ ls }}", "{{ '[1, ' }}", "{{ [true, none, 'x'] }}", "{{ {'k': none, 'b': false} }}",
            " {{ t }}", "{{t}}", "{{ n | string }}", "{{ [n, t] | first }}", "{{ q('items', 1, 2) }}", "{{ 3 / 2 }}",
            "{{ 4 / 2 }}", "{{ 10 // 3 }}", "{{ -5 }}", "{{ '-5' }}", "{{ 'a' if t else 'b' }}",
            "{{ {'a': [1, {'b': 'x'}]} }}", "{{ u }}", "{{ lsn }}", "{{ ['\u00e9', 1.5] }}", "{{ x_true }}");

    private static final String VARS = """
                t: true
                f: false
                n: 5
                s1: '1'
                sfalse: 'false'
                sFalse: 'False'
                syes: 'Yes'
                l: [a, b]
                d: {k: 1, b: x}
                nv: ~
                u: "\\u00e9t\\u00e9"
                ls: '[1, 2]'
                lsn: '{{ l }}'
                m_int: 0640
                m_str: '0600'
            """;

    @Test
    void templatedValues_haveAnsiblesTypes_asVarsMsgSetFactAndCopyContent() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        ObjectMapper json = new ObjectMapper();
        StringBuilder pb = new StringBuilder("- hosts: all\n  gather_facts: false\n  vars:\n").append(VARS);
        for (int i = 0; i < CASES.size(); i++) pb.append("    c").append(i).append(": ").append(json.writeValueAsString(CASES.get(i))).append('\n');
        // a null variable as exactly {{ name }}: None in Ansible; only as a variable (Rigger refuses a null msg or fact, clearly)
        pb.append("    cnull: \"{{ nv }}\"\n  tasks:\n");
        for (int i = 0; i < CASES.size(); i++) {
            String c = json.writeValueAsString(CASES.get(i));
            pb.append("    - {debug: {msg: ").append(c).append("}, register: m").append(i).append("}\n");
            pb.append("    - set_fact: {fact").append(i).append(": ").append(c).append("}\n");
            pb.append("    - copy: {dest: \"{{ out }}/f").append(i).append("\", content: ").append(c).append("}\n");
        }
        pb.append("    - {lineinfile: {path: \"{{ out }}/line\", line: \"{{ t }}\", create: true}}\n");
        // a mode from a variable: an int (YAML's 0640 is 416) kept by the single-variable rule, a string, an expression's text
        for (String[] m : new String[][] {{"mi", "{{ m_int }}"}, {"ms", "{{ m_str }}"}, {"mx", "{{ '06' ~ '44' }}"}}) {
            pb.append("    - {file: {path: \"{{ out }}/").append(m[0]).append("\", state: touch, mode: \"").append(m[1]).append("\"}}\n");
            pb.append("    - {stat: {path: \"{{ out }}/").append(m[0]).append("\"}, register: st_").append(m[0]).append("}\n");
        }
        pb.append("    - copy:\n        dest: \"{{ out }}/result.json\"\n        content: \"{{ {")
                .append("'v': ").append(list("c%d")).append(", 'm': ").append(list("m%d.msg"))
                .append(", 's': ").append(list("fact%d")).append(", 'null': cnull")
                .append(", 'fc': ").append(list("lookup('file', out ~ '/f%d')"))
                .append(", 'line': lookup('file', out ~ '/line')")
                .append(", 'modes': [st_mi.stat.mode, st_ms.stat.mode, st_mx.stat.mode]} | to_json }}\"\n");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1"));
        // x_true: an extra variable of the run, a string
        AnsibleBeside.Run ansible = both.ansible("types", inv, pb.toString(), "-e", "x_true=true");
        AnsibleBeside.Run rigger = both.rigger("types", inv, pb.toString(), "-e", "x_true=true");
        assertThat(ansible.exitCode()).as(ansible.output()).isZero();
        assertThat(rigger.exitCode()).as(rigger.output()).isZero();
        JsonNode a = json.readTree(ansible.out().resolve("result.json").toFile());
        JsonNode r = json.readTree(rigger.out().resolve("result.json").toFile());
        List<String> differences = new ArrayList<>();
        for (String path : List.of("v", "m", "s", "fc")) {
            for (int i = 0; i < CASES.size(); i++) {
                if (!a.get(path).get(i).equals(r.get(path).get(i))) {
                    differences.add(path + " " + CASES.get(i) + ": ansible " + a.get(path).get(i) + ", rigger " + r.get(path).get(i));
                }
            }
        }
        for (String key : List.of("null", "line", "modes")) {
            if (!a.get(key).equals(r.get(key))) differences.add(key + ": ansible " + a.get(key) + ", rigger " + r.get(key));
        }
        assertThat(differences).as(String.join("\n", differences)).isEmpty();
        // the cases under test, as Ansible has them: so the table cannot pass by both sides agreeing on nothing
        assertThat(a.get("m").get(CASES.indexOf("{{ f }}")).isBoolean()).isTrue();
        assertThat(a.get("v").get(CASES.indexOf("{{ 1 + 1 }}")).asText()).isEqualTo("2");
        assertThat(a.get("v").get(CASES.indexOf("{{ '[1, 2]' }}")).isArray()).isTrue();
        assertThat(a.get("v").get(CASES.indexOf("x{{ [1, 2] }}")).asText()).isEqualTo("x[1, 2]");
        assertThat(a.get("s").get(CASES.indexOf("{{ 'true' }}")).isBoolean()).isTrue();
        assertThat(a.get("fc").get(CASES.indexOf("{{ t }}")).asText()).isEqualTo("True");
        assertThat(a.get("null").isNull()).isTrue();
        assertThat(a.get("modes").toString()).isEqualTo("[\"0640\",\"0600\",\"0644\"]");
        assertThat(Files.readString(rigger.out().resolve("f" + CASES.indexOf("{{ l }}")))).isEqualTo("[\"a\", \"b\"]");
    }

    /**
     * when: a condition written as a variable is tested on the variable's value (a non-empty
     * string is true, whatever it says); a variable whose value is a template is that template's
     * typed value ("{{ 1 == 2 }}" is False).
     */
    @Test
    void when_onStringsAndTemplatedVariables_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        List<String> conditions = List.of("sfalse", "sFalse", "s1", "s0", "e", "l", "nested", "cmp", "\"{{ f }}\"", "one",
                "\"sFalse | bool\"", "\"{{ t }}\"", "\"{{ sFalse }}\"", "\"{{ sfalse }}\"", "\"{{ s1 }}\"", "\"{{ s0 }}\"", "\"{{ e }}\"");
        StringBuilder pb = new StringBuilder("""
                - hosts: all
                  gather_facts: false
                  vars: {t: true, f: false, s1: '1', s0: '0', sfalse: 'false', sFalse: 'False', e: '', l: [], one: "{{ 1 }}",
                         nested: "{{ sFalse }}", cmp: "{{ 1 == 2 }}"}
                  tasks:
                """);
        for (int i = 0; i < conditions.size(); i++) {
            pb.append("    - {debug: {msg: x}, register: w").append(i).append(", when: ").append(conditions.get(i)).append("}\n");
        }
        pb.append("    - copy: {dest: \"{{ out }}/w.json\", content: \"{{ ").append(list("w%d.skipped | default(false)", conditions.size())).append(" | to_json }}\"}\n");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1"));
        AnsibleBeside.Run ansible = both.ansible("when", inv, pb.toString());
        AnsibleBeside.Run rigger = both.rigger("when", inv, pb.toString());
        assertThat(ansible.exitCode()).as(ansible.output()).isZero();
        assertThat(rigger.exitCode()).as(rigger.output()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(ansible.out().resolve("w.json").toFile());
        JsonNode r = json.readTree(rigger.out().resolve("w.json").toFile());
        assertThat(r).as("skipped, per condition " + conditions + "\nrigger:  " + r + "\nansible: " + a).isEqualTo(a);
        assertThat(a.get(conditions.indexOf("sFalse")).asBoolean()).as("a non-empty string runs the task").isFalse();
        assertThat(a.get(conditions.indexOf("cmp")).asBoolean()).as("a templated variable is its value").isTrue();
    }

    /** {@code [x0, x1, ...]} of {@code format} over the cases. */
    private static String list(String format) {
        return list(format, CASES.size());
    }

    private static String list(String format, int n) {
        return "[" + String.join(", ", IntStream.range(0, n).mapToObj(i -> String.format(format, i)).toList()) + "]";
    }
}
