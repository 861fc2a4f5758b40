package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job Rigger exists for: the seed's three-machine kubeadm cluster (playbooks/site.yml) on
 * fresh lab hosts, with the lab's kubeadm and API-server stand-ins.
 */
@LabTest
class SeedClusterLabTest {
    @TempDir
    Path dir;
    private final Lab lab = Lab.get();
    private final String[] hosts = Lab.HOSTS.toArray(String[]::new);

    private Path playbooks() throws IOException {
        Path copy = dir.resolve("playbooks");
        try (Stream<Path> s = Files.walk(lab.root().resolve("playbooks"))) {
            for (Path p : s.toList()) {
                Path to = copy.resolve(lab.root().resolve("playbooks").relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        return copy;
    }

    private Cli.Result play(Path inv, Path playbook, Path json, String... extra) {
        List<String> args = new ArrayList<>(List.of("play", "-i", inv.toString(), "-e",
                "@" + lab.root().resolve("inventories/lab-vars.yml"), playbook.toString(), "--report-json", json.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void seed_check_apply_again_thenOneFlannelValueChanged() throws IOException {
        lab.reset(hosts);
        Path inv = lab.inventory(dir, hosts);
        Path pbs = playbooks();
        Path site = pbs.resolve("site.yml");

        Cli.Result check = play(inv, site, dir.resolve("check.json"), "--check", "--diff");
        assertThat(check.exitCode()).as(check.all()).isZero();
        JsonNode c = json(dir.resolve("check.json"));
        for (JsonNode t : c.get("tasks")) assertThat(t.get("status").asText()).as(t.toString()).isNotEqualTo("failed");
        assertThat(status(c, "k8s-slave1", "kubeadm join")).isEqualTo("unknown");
        assertThat(check.out()).contains("'a join command while a worker still has to join' has a pending change");

        Cli.Result apply = play(inv, site, dir.resolve("apply.json"));
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        String nodes = lab.sh("k8s-master", "kubectl get nodes -o json");
        for (String h : hosts) assertThat(nodes).contains("\"name\": \"" + h + "\"");
        assertThat(apply.out()).containsPattern("NOTES\\n  k8s-master / dashboard login: dashboard at https://127.0.10.1:\\d+/ \\(token mode\\), login token in"
                + " /root/dashboard-admin.token on k8s-master \\(mode 0600, root only\\)");
        String token = lab.sh("k8s-master", "cat /root/dashboard-admin.token");
        assertThat(token).hasSizeGreaterThan(20);
        assertThat(apply.all()).as("the login token is a secret").doesNotContain(token.strip());

        Cli.Result again = play(inv, site, dir.resolve("again.json"));
        JsonNode a = json(dir.resolve("again.json"));
        for (String h : hosts) assertThat(a.at("/hosts/" + h + "/changed").asInt()).as(h + "\n" + again.out()).isZero();

        Path flannel = pbs.resolve("manifests/kube-flannel.yml");
        Files.writeString(flannel, Files.readString(flannel).replace("\"Network\": \"10.244.0.0/16\"", "\"Network\": \"10.245.0.0/16\""));
        Path addons = pbs.resolve("addons.yml");
        Cli.Result diff = play(inv, addons, dir.resolve("diff.json"), "--check", "--diff");
        JsonNode d = json(dir.resolve("diff.json"));
        List<String> subjects = new ArrayList<>();
        for (JsonNode t : d.get("tasks")) {
            if (t.get("module").asText().equals("kubectl_apply")) t.get("changes").forEach(ch -> subjects.add(ch.get("subject").asText()));
        }
        assertThat(subjects).as(diff.out()).containsExactly("ConfigMap/kube-system/kube-flannel-cfg data[\"net-conf.json\"]");
        assertThat(diff.out()).contains("-  \"Network\": \"10.244.0.0/16\",").contains("+  \"Network\": \"10.245.0.0/16\",");
        Cli.Result changed = play(inv, addons, dir.resolve("changed.json"));
        assertThat(status(json(dir.resolve("changed.json")), "k8s-master", "flannel v0.12.0")).as(changed.out()).isEqualTo("changed");
    }

    @Test
    void eachPreflightRule_stopsItsFailureBeforeAnyChange() throws IOException {
        lab.reset(hosts);
        Path inv = lab.inventory(dir, hosts);
        Files.writeString(inv, Files.readString(inv).replace("k8s-slave2 ansible_host", "k8s-slave2 min_var_lib_free_mb=999999999 ansible_host"));
        lab.sh("k8s-slave1", "mkdir -p /etc/rigger-lab/proc && printf 'Filename Type Size Used Priority\\n/swapfile file 1024 0 -3\\n' > /etc/rigger-lab/proc/swaps"
                + " && echo 'net.bridge.bridge-nf-call-iptables = 0' > /etc/sysctl.d/zz-override.conf");
        lab.sh("k8s-master", "mkdir -p /var/lib/etcd && touch /var/lib/etcd/leftover");
        Map<String, String> before = new LinkedHashMap<>();
        for (String h : hosts) before.put(h, lab.fingerprint(h));

        Cli.Result r = play(inv, lab.root().resolve("playbooks/site.yml"), dir.resolve("pre.json"));
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        for (String h : hosts) assertThat(lab.fingerprint(h)).as("nothing changed on " + h).isEqualTo(before.get(h));
        JsonNode rep = json(dir.resolve("pre.json"));
        assertThat(failed(rep)).containsExactlyInAnyOrder(
                "k8s-master|preflight: clean etcd directory on a master not yet initialized",
                "k8s-slave1|preflight: no swap kubeadm would refuse",
                "k8s-slave1|preflight: bridged traffic stays visible to iptables",
                "k8s-slave2|preflight: room under /var/lib");
        assertThat(r.out()).contains("/var/lib/etcd is not empty").contains("swap is active on /swapfile")
                .contains("/etc/sysctl.d/zz-override.conf sets net.bridge.bridge-nf-call-iptables = 0")
                .contains("MB free under /var/lib (at least 999999999 MB wanted)");
        lab.reset(hosts);
    }

    private static List<String> failed(JsonNode rep) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : rep.get("tasks")) if (t.get("status").asText().equals("failed")) out.add(t.get("host").asText() + "|" + t.get("task").asText());
        return out;
    }

    private static String status(JsonNode rep, String host, String task) {
        for (JsonNode t : rep.get("tasks")) {
            if (t.get("host").asText().equals(host) && t.get("task").asText().equals(task)) return t.get("status").asText();
        }
        return "absent";
    }

    private static JsonNode json(Path p) throws IOException {
        return new ObjectMapper().readTree(p.toFile());
    }
}
