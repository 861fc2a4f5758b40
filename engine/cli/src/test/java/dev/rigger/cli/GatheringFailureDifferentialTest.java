package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A host unreachable at fact gathering ("ghost", a lab address where nothing listens), first in
 * the inventory, beside three lab hosts, against ansible-playbook 2.14 on the same playbook and
 * inventory. The plays make the hosts gather together (hostvars, run_once, delegate_to, a
 * handler, serial, failure rules). Each task appends a line to the host's /root/gfd.log; per
 * host the two tools must leave the same lines, and their recaps the same counts: ghost
 * unreachable and nothing else (no ok, changed, failed or skipped), every other host the same
 * changed and failed, and the same ok once Ansible's "Gathering Facts" oks are taken off (Rigger
 * reports a gathering only when it fails). Skipped is compared for ghost alone: where a failure
 * rule stops a play, Rigger reports the rest of the others' tasks skipped, Ansible nothing.
 * A host that never ran (serial 1: the run stopped after ghost's batch) is missing from
 * Ansible's recap and counts 0 there. Exit codes are both non-zero (Ansible 2.14 says 4 for an
 * unreachable host, Rigger 3: README, exit codes).
 */
@LabTest
@Timeout(600)
class GatheringFailureDifferentialTest {
    private static final List<String> NODES = List.of("node24", "node25", "node26");
    private static final String GHOST = "127.0.10.250";

    private static final String PLAYBOOK = """
            - hosts: all
              ROLLING
              tasks:
                - name: facts
                  shell: >-
                    echo "facts {{ inventory_hostname }} me={{ ansible_hostname }}
                    ghost={{ hostvars['ghost'].ansible_hostname | default('undef') }}
                    n24={{ hostvars['node24'].ansible_hostname | default('undef') }}
                    batch={{ ansible_play_batch | join(',') }} hosts={{ ansible_play_hosts | join(',') }}
                    all={{ ansible_play_hosts_all | join(',') }}" >> /root/gfd.log
                  notify: flush
                - name: once
                  shell: echo "once {{ inventory_hostname }}" >> /root/gfd.log
                  run_once: true
                - name: delegated
                  shell: echo "delegated-from {{ inventory_hostname }}" >> /root/gfd-delegated.log
                  delegate_to: node25
              handlers:
                - name: flush
                  shell: echo "handler {{ inventory_hostname }}" >> /root/gfd.log
            - hosts: all
              gather_facts: false
              tasks:
                - name: next play
                  shell: echo "next {{ inventory_hostname }}" >> /root/gfd.log
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no failure rule                      | ''",
            "any_errors_fatal: stops at gathering | any_errors_fatal: true",
            "max_fail_percentage 20: unreachable not counted | max_fail_percentage: 20",
            "serial 1: ghost's batch all failed, run stops | serial: 1",
            "serial 2: ghost's batch goes on without it | serial: 2",
    })
    void aHostUnreachableAtGathering_isLeftOut_asInAnsible(String name, String rolling) throws Exception {
        assumeTrue(AnsibleBeside.available(), "no ansible-playbook");
        Lab lab = Lab.existing();
        assumeTrue(lab.hostsUp().containsAll(NODES), "lab hosts " + NODES + " not up");
        Path inv = inventory(lab);
        String playbook = PLAYBOOK.replace("ROLLING", rolling);
        AnsibleBeside both = new AnsibleBeside(dir);

        lab.reset(NODES.toArray(String[]::new));
        AnsibleBeside.Run ansible = both.ansible("gf", inv, playbook);
        Map<String, List<String>> ansibleLogs = logs(lab);
        lab.reset(NODES.toArray(String[]::new));
        Path json = dir.resolve("report.json");
        AnsibleBeside.Run rigger = both.rigger("gf", inv, playbook, "--report-json", json.toString());
        Map<String, List<String>> riggerLogs = logs(lab);

        String context = "\nrigger:\n" + rigger.output() + "\nansible:\n" + ansible.output();
        assertThat(ansible.output()).as("Ansible ran" + context).contains("PLAY RECAP");
        assertThat(riggerLogs).as(context).isEqualTo(ansibleLogs);

        Map<String, Map<String, Integer>> a = recap(ansible.output(), "PLAY RECAP");
        Map<String, Map<String, Integer>> r = recap(rigger.output(), "APPLY RECAP");
        assertThat(a.get("ghost")).as(context).containsEntry("unreachable", 1).containsEntry("ok", 0).containsEntry("changed", 0)
                .containsEntry("failed", 0).containsEntry("skipped", 0);
        for (String k : List.of("unreachable", "ok", "changed", "failed", "skipped")) {
            assertThat(r.get("ghost").get(k)).as("ghost " + k + context).isEqualTo(a.get("ghost").get(k));
        }
        Map<String, Integer> gathered = gatheringOks(ansible.output());
        for (String h : NODES) {
            // a host that never ran (its batch never started) is not in Ansible's recap: all its counts are 0
            Map<String, Integer> ah = a.getOrDefault(h, Map.of());
            for (String k : List.of("unreachable", "changed", "failed")) {
                assertThat(r.get(h).get(k)).as(h + " " + k + context).isEqualTo(ah.getOrDefault(k, 0));
            }
            assertThat(r.get(h).get("ok")).as(h + " ok, Ansible's less its gathering" + context)
                    .isEqualTo(ah.getOrDefault("ok", 0) - gathered.getOrDefault(h, 0));
        }
        JsonNode rep = new ObjectMapper().readTree(json.toFile());
        assertThat(rep.at("/hosts/ghost/unreachable").asBoolean()).isTrue();
        List<String> ghostTasks = new ArrayList<>();
        for (JsonNode t : rep.get("tasks")) if (t.get("host").asText().equals("ghost")) ghostTasks.add(t.get("task").asText() + " " + t.get("status").asText());
        assertThat(ghostTasks).as("the gathering alone").containsExactly("gather_facts unreachable");
        assertThat(ansible.exitCode()).isNotZero();
        assertThat(rigger.exitCode()).as(context).isNotZero();
    }

    /** ghost first, where nothing listens; then the lab hosts. */
    private Path inventory(Lab lab) throws Exception {
        StringBuilder sb = new StringBuilder("[all]\nghost ansible_host=" + GHOST + "\n");
        for (String h : NODES) sb.append(h).append(" ansible_host=").append(lab.address(h)).append('\n');
        sb.append("[all:vars]\nansible_user=root\nansible_ssh_private_key_file=").append(lab.clientKey())
          .append("\nansible_ssh_common_args='-o UserKnownHostsFile=").append(lab.knownHosts()).append("'\n")
          .append("ansible_python_interpreter=/usr/bin/python3\n");
        return Files.writeString(dir.resolve("hosts.ini"), sb.toString());
    }

    /** Per lab host, the lines its tasks (and the tasks delegated to it) wrote. */
    private static Map<String, List<String>> logs(Lab lab) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String h : NODES) {
            // the delegated lines come from several hosts at once: in either tool's order
            String text = lab.ssh(h, "cat /root/gfd.log 2>/dev/null; sort /root/gfd-delegated.log 2>/dev/null; true").out();
            out.put(h, text.isBlank() ? List.of() : List.of(text.strip().split("\n")));
        }
        return out;
    }

    /** The counts of each host's recap line after {@code title}. */
    private static Map<String, Map<String, Integer>> recap(String output, String title) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        String tail = output.substring(Math.max(0, output.lastIndexOf(title)));
        Matcher line = Pattern.compile("(?m)^(\\S+)\\s+:\\s+(.*)$").matcher(tail);
        while (line.find()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            Matcher kv = Pattern.compile("(\\w+)=(\\d+)").matcher(line.group(2));
            while (kv.find()) counts.put(kv.group(1), Integer.parseInt(kv.group(2)));
            out.put(line.group(1), counts);
        }
        return out;
    }

    /** Per host, how many "Gathering Facts" tasks Ansible reported ok. */
    private static Map<String, Integer> gatheringOks(String output) {
        Map<String, Integer> out = new LinkedHashMap<>();
        boolean in = false;
        for (String l : output.split("\n")) {
            if (l.startsWith("TASK [") || l.startsWith("PLAY ") || l.startsWith("RUNNING HANDLER")) in = l.startsWith("TASK [Gathering Facts]");
            Matcher m = Pattern.compile("^ok: \\[([^\\]]+)\\]").matcher(l);
            if (in && m.find()) out.merge(m.group(1), 1, Integer::sum);
        }
        return out;
    }
}
