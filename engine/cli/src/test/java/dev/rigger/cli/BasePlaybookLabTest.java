package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's first part (playbooks/base.yml) on three fresh lab hosts with the real tools:
 * check shows every change and changes nothing, apply converges (real dnf installs, real
 * daemons), a second apply changes nothing.
 */
@LabTest
class BasePlaybookLabTest {
    @TempDir
    Path dir;
    private final Lab lab = Lab.get();

    private JsonNode play(Path inventory, String... extra) throws IOException {
        Path json = dir.resolve("r" + System.nanoTime() + ".json");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("play", "-i", inventory.toString(),
                "-e", "@" + lab.root().resolve("inventories/lab-vars.yml"), lab.root().resolve("playbooks/base.yml").toString(),
                "--report-json", json.toString()));
        args.addAll(java.util.List.of(extra));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.all()).isZero();
        return new ObjectMapper().readTree(json.toFile());
    }

    @Test
    void base_check_apply_again() throws IOException {
        String[] hosts = Lab.HOSTS.toArray(String[]::new);
        lab.reset(hosts);
        Path inv = lab.inventory(dir, hosts);
        Map<String, String> before = new LinkedHashMap<>();
        for (String h : hosts) before.put(h, lab.fingerprint(h));

        JsonNode check = play(inv, "--check", "--diff");
        for (String h : hosts) {
            assertThat(lab.fingerprint(h)).as("check leaves " + h + " byte-identical").isEqualTo(before.get(h));
            assertThat(check.at("/hosts/" + h + "/changed").asInt()).as(h).isGreaterThanOrEqualTo(8);
            assertThat(check.at("/hosts/" + h + "/failed").asInt()).as(h).isZero();
        }
        assertThat(lab.ssh("k8s-master", "rpm -q kubelet").exitCode()).as("check installs nothing").isNotZero();

        JsonNode apply = play(inv);
        for (String h : hosts) assertThat(apply.at("/hosts/" + h + "/failed").asInt()).as(h).isZero();
        assertThat(lab.sh("k8s-slave1", "rpm -q --qf '%{VERSION}' kubelet kubeadm kubectl")).isEqualTo("1.16.21.16.21.16.2");
        assertThat(lab.sh("k8s-slave2", "cat /etc/hostname")).isEqualTo("k8s-slave2\n");
        assertThat(lab.sh("k8s-master", "grep k8s-slave2 /etc/hosts")).isEqualTo("127.0.10.3 k8s-slave2\n");
        assertThat(lab.sh("k8s-master", "grep cl-swap /etc/fstab")).as("swap commented out").startsWith("#/dev/mapper/cl-swap");
        assertThat(lab.sh("k8s-master", "cat /etc/sysctl.d/k8s.conf")).contains("net.bridge.bridge-nf-call-iptables=1", "net.ipv4.ip_forward=1");
        assertThat(lab.sh("k8s-slave1", "systemctl is-active docker")).isEqualTo("active\n");
        // before kubeadm join a real kubelet crash-loops: activating (auto-restart), active between restarts
        assertThat(lab.sh("k8s-slave1", "systemctl is-active kubelet || true")).isIn("active\n", "activating\n");
        assertThat(lab.sh("k8s-master", "grep -c exclude /etc/yum.repos.d/kubernetes.repo").trim()).isEqualTo("1");

        JsonNode again = play(inv);
        for (String h : hosts) assertThat(again.at("/hosts/" + h + "/changed").asInt()).as(h).isZero();
    }
}
