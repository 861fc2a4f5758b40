package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The with_* loops and loop_control against ansible-playbook on two local hosts: every item
 * appends what it saw to one log; the two tools must log the same lines in the same order
 * (with_items flattening one level where with_list does not, dict, nested, together,
 * subelements with skip_missing, sequence, indexed_items, flattened; loop_var, index_var,
 * extended's ansible_loop) and exit alike, also when a lookup is given what it cannot take.
 */
class LoopsDifferentialTest {
    @TempDir
    Path dir;

    private static final String LOOPS = """
            - hosts: all
              gather_facts: false
              vars:
                a: [1, 2]
                b: [3]
                users: [{name: u1, keys: [k1, k2]}, {name: u2, keys: [k3]}, {name: u3}]
                d: {x: 1, y: 2}
              tasks:
                - shell: echo "items {{ inventory_hostname }} {{ item }}" >> {{ out }}/log
                  with_items: ["{{ a }}", "{{ b }}", 9, [[4, 5]]]
                - shell: echo "list {{ inventory_hostname }} {{ item }}" >> {{ out }}/log
                  with_list: ["{{ a }}", 9]
                - shell: echo "dict {{ item.key }}={{ item.value }}" >> {{ out }}/log
                  with_dict: "{{ d }}"
                - shell: echo "nested {{ item[0] }}-{{ item[1] }}-{{ item[2] }}" >> {{ out }}/log
                  with_nested: [[1, 2], [x, y], "{{ b }}"]
                - shell: echo "together {{ item }}" >> {{ out }}/log
                  with_together: [[1, 2, 3], [x, y]]
                - shell: echo "sub {{ item.0.name }} {{ item.1 }}" >> {{ out }}/log
                  with_subelements: ["{{ users }}", keys, {skip_missing: true}]
                - shell: echo "seq {{ item }}" >> {{ out }}/log
                  with_sequence: start=1 end=5 stride=2 format=h%02d
                - shell: echo "count {{ item }}" >> {{ out }}/log
                  with_sequence: count=3
                - shell: echo "idx {{ item.0 }} {{ item.1 }}" >> {{ out }}/log
                  with_indexed_items: "{{ a }}"
                - shell: echo "flat {{ item }}" >> {{ out }}/log
                  with_flattened: [1, [2, [3, [4]]]]
                - shell: echo "ext {{ i }} {{ ansible_loop.index }}/{{ ansible_loop.length }} {{ ansible_loop.first }} {{ ansible_loop.last }} {{ ansible_loop.revindex0 }} {{ ansible_loop_var }} {{ ansible_index_var }} {{ u }} {{ ansible_loop.previtem | default('-') }}" >> {{ out }}/log
                  loop: [p, q, r]
                  loop_control: {loop_var: u, index_var: i, extended: true, label: "{{ u }}"}
                - shell: echo "missing {{ item.1 }}" >> {{ out }}/log
                  with_subelements: ["{{ users }}", keys]
                  ignore_errors: true
                  register: missing
                - shell: echo "after {{ missing.failed }}" >> {{ out }}/log
                - shell: echo "never {{ item }}" >> {{ out }}/log
                  loop: []
                  register: nothing
                - shell: echo "empty {{ nothing is skipped }} {{ nothing.skipped_reason }} {{ nothing.results }}" >> {{ out }}/log
                - shell: "true"
                  loop: [a, b, c]
                  loop_control: {loop_var: x, index_var: n}
                  when: x != 'b'
                  register: each
                - shell: echo "items {{ each.results | map(attribute='x') | join(',') }} {{ each.results | map(attribute='n') | join(',') }} {{ each.results[1].ansible_loop_var }} {{ each.results[1].ansible_index_var }} {{ each.results | rejectattr('skipped', 'defined') | map(attribute='x') | join(',') }}" >> {{ out }}/log
            """;

    @Test
    void withLoops_asAnsible() throws Exception {
        assumeTrue(AnsibleBeside.available(), "ansible-playbook is not installed");
        AnsibleBeside both = new AnsibleBeside(dir);
        Path inv = both.inventory(List.of("h1", "h2"));
        AnsibleBeside.Run a = both.ansible("loops", inv, LOOPS);
        AnsibleBeside.Run r = both.rigger("loops", inv, LOOPS);
        // per host in order: the shared lines are written by both hosts, so compare sorted
        assertThat(r.log().stream().sorted().toList()).as(a.output() + "\n---\n" + r.output())
                .isEqualTo(a.log().stream().sorted().toList());
        assertThat(a.log()).contains("items h1 1", "items h1 [4, 5]", "list h1 [1, 2]", "sub u2 k3", "seq h05",
                "flat 4", "ext 2 3/3 False True 0 u i r q", "after True", "empty True No items in the list []", "items a,b,c 0,1,2 x n a,c");
        assertThat(r.exitCode()).isEqualTo(a.exitCode()).isZero();
    }
}
