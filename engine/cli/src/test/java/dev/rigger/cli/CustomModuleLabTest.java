package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custom-module example end to end: built on its own with Maven (running its testkit
 * tests), loaded with --modules, its playbook planned and applied on lab hosts, then applied
 * again without changes.
 */
@LabTest
class CustomModuleLabTest {
    @TempDir
    Path dir;
    private final Lab lab = Lab.get();

    @Test
    void exampleProject_builds_loads_andConverges() throws Exception {
        Path project = lab.root().resolve("examples/custom-module");
        Process mvn = new ProcessBuilder("mvn", "-q", "-B", "-f", project.resolve("pom.xml").toString(), "package")
                .redirectErrorStream(true).redirectOutput(dir.resolve("mvn.log").toFile()).start();
        assertThat(mvn.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(mvn.exitValue()).as(Files.readString(dir.resolve("mvn.log"))).isZero();
        Path jar = project.resolve("target/rigger-ssh-key-1.0.0.jar");
        assertThat(jar).exists();

        String[] hosts = {"k8s-slave1", "k8s-slave2"};
        lab.reset(hosts);
        Path inv = lab.inventory(dir, hosts);
        Path playbook = project.resolve("playbook.yml");
        String before = lab.fingerprint("k8s-slave1");

        Cli.Result check = Cli.run("play", "-i", inv.toString(), "--modules", jar.toString(), playbook.toString(), "--check", "--diff");
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(check.out()).contains("changed   k8s-slave1").contains("+ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMkCaRFFVACh9dvy");
        assertThat(lab.fingerprint("k8s-slave1")).isEqualTo(before);

        JsonNode apply = play(inv, jar, playbook);
        for (String h : hosts) assertThat(apply.at("/hosts/" + h + "/changed").asInt()).as(h).isEqualTo(1);
        assertThat(lab.sh("k8s-slave2", "grep -c . /root/.ssh/authorized_keys").trim()).isEqualTo("2");
        assertThat(lab.sh("k8s-slave2", "stat -c %a /root/.ssh/authorized_keys")).isEqualTo("600\n");

        JsonNode again = play(inv, jar, playbook);
        for (String h : hosts) assertThat(again.at("/hosts/" + h + "/changed").asInt()).as(h).isZero();
        lab.reset(hosts);
    }

    private JsonNode play(Path inv, Path jar, Path playbook) throws IOException {
        Path json = dir.resolve("r" + System.nanoTime() + ".json");
        Cli.Result r = Cli.run(List.of("play", "-i", inv.toString(), "--modules", jar.toString(), playbook.toString(),
                "--report-json", json.toString()).toArray(String[]::new));
        assertThat(r.exitCode()).as(r.all()).isZero();
        return new ObjectMapper().readTree(json.toFile());
    }
}
