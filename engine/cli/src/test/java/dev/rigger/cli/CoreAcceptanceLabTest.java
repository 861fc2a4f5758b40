package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core engine's acceptance on fresh lab hosts: file/command tasks with a when, a loop, a
 * handler and a result registered on the master read by the workers. Check changes nothing,
 * apply converges, a second apply changes nothing, and the JSON report agrees.
 */
@LabTest
class CoreAcceptanceLabTest {
    private static final String PLAYBOOK = """
            - hosts: all
              vars:
                app_dir: /opt/app
              tasks:
                - name: app dir
                  file: {path: "{{ app_dir }}", state: directory, mode: "0750"}
                - name: config files
                  file:
                    path: "{{ app_dir }}/{{ item }}.conf"
                    content: "name={{ item }}\\nhost={{ inventory_hostname }}\\n"
                  loop: [alpha, beta]
                  notify: reload app
                - name: master marker
                  file: {path: "{{ app_dir }}/master", state: touch}
                  when: inventory_hostname == 'k8s-master'
              handlers:
                - name: reload app
                  shell: echo reloaded >> /opt/app/reloads
            - hosts: master
              tasks:
                - name: make token
                  shell: echo "token-$(hostname)" > /root/token
                  args: {creates: /root/token}
                - name: read token
                  command: cat /root/token
                  register: tok
                  changed_when: false
            - hosts: workers
              tasks:
                - name: write token
                  file:
                    path: /root/master-token
                    content: "{{ hostvars['k8s-master'].tok.stdout }}\\n"
            """;

    @TempDir
    Path dir;
    private final Lab lab = Lab.get();
    private Path inventory;
    private Path playbook;

    @BeforeEach
    void freshHosts() throws IOException {
        lab.reset(Lab.HOSTS.toArray(String[]::new));
        inventory = lab.inventory(dir, Lab.HOSTS.toArray(String[]::new));
        playbook = dir.resolve("site.yml");
        Files.writeString(playbook, PLAYBOOK);
    }

    private Map<String, String> fingerprints() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String h : Lab.HOSTS) out.put(h, lab.fingerprint(h));
        return out;
    }

    private JsonNode play(String... extra) throws IOException {
        Path json = dir.resolve("report-" + System.nanoTime() + ".json");
        String[] args = new String[extra.length + 6];
        args[0] = "play";
        args[1] = "-i";
        args[2] = inventory.toString();
        args[3] = playbook.toString();
        args[4] = "--report-json";
        args[5] = json.toString();
        System.arraycopy(extra, 0, args, 6, extra.length);
        Cli.Result r = Cli.run(args);
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        report = ((com.fasterxml.jackson.databind.node.ObjectNode) report).put("_console", r.out());
        return report;
    }

    @Test
    void check_changesNothing_apply_converges_secondApply_changesNothing() throws IOException {
        Map<String, String> before = fingerprints();
        JsonNode check = play("--check", "--diff");
        assertThat(fingerprints()).as("check mode must leave every host byte-identical").isEqualTo(before);
        assertThat(check.get("mode").asText()).isEqualTo("check");
        String console = check.get("_console").asText();
        assertThat(console).contains("+ /opt/app/alpha.conf").contains("+host=k8s-slave2").contains("+ /opt/app mode = 0750");
        for (String h : Lab.HOSTS) assertThat(check.at("/hosts/" + h + "/changed").asInt()).as(h).isGreaterThan(0);
        assertThat(check.at("/hosts/k8s-slave1/unknown").asInt()).as("join reads a pending result").isEqualTo(1);

        JsonNode apply = play();
        assertThat(apply.at("/hosts/k8s-master/changed").asInt()).isEqualTo(5); // dir, files, marker, handler, token
        assertThat(lab.sh("k8s-slave2", "cat /opt/app/beta.conf")).isEqualTo("name=beta\nhost=k8s-slave2\n");
        assertThat(lab.sh("k8s-slave1", "stat -c %a /opt/app")).isEqualTo("750\n");
        assertThat(lab.sh("k8s-slave1", "cat /root/master-token")).isEqualTo("token-k8s-master\n");
        assertThat(lab.ssh("k8s-slave1", "test -e /opt/app/master").exitCode()).as("when: false on workers").isNotZero();
        assertThat(lab.sh("k8s-master", "cat /opt/app/reloads")).as("handler ran once").isEqualTo("reloaded\n");

        JsonNode again = play();
        for (String h : Lab.HOSTS) {
            assertThat(again.at("/hosts/" + h + "/changed").asInt()).as(h).isZero();
            assertThat(again.at("/hosts/" + h + "/failed").asInt()).as(h).isZero();
        }
        for (JsonNode t : again.get("tasks")) assertThat(t.get("status").asText()).isIn("ok", "skipped");
        assertThat(lab.sh("k8s-master", "cat /opt/app/reloads")).as("handler not notified again").isEqualTo("reloaded\n");
    }

    @Test
    void stoppedHost_othersFinish_exitCode3_reportNamesHost() throws IOException {
        lab.stop("k8s-slave2");
        try {
            Path json = dir.resolve("r.json");
            Cli.Result r = Cli.run("play", "-i", inventory.toString(), playbook.toString(), "--report-json", json.toString());
            assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
            JsonNode report = new ObjectMapper().readTree(json.toFile());
            assertThat(report.at("/hosts/k8s-slave2/unreachable").asBoolean()).isTrue();
            assertThat(report.at("/hosts/k8s-slave1/unreachable").asBoolean()).isFalse();
            assertThat(report.at("/hosts/k8s-slave1/failed").asInt()).isZero();
            assertThat(r.out()).contains("unreachable k8s-slave2");
            assertThat(lab.sh("k8s-slave1", "cat /root/master-token")).isEqualTo("token-k8s-master\n");
        } finally {
            lab.reset("k8s-slave2");
        }
    }
}
