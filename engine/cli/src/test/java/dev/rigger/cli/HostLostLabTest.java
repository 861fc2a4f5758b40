package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host that dies in the middle of a run: reported unreachable with the task it was on; the others finish. */
@LabTest
class HostLostLabTest {
    @TempDir
    Path dir;
    private final Lab lab = Lab.get();

    @Test
    void hostKilledMidRun_isUnreachableAtItsTask_othersFinish_exit3() throws Exception {
        String[] hosts = Lab.HOSTS.toArray(String[]::new);
        lab.reset(hosts);
        Path inv = lab.inventory(dir, hosts);
        Path pb = dir.resolve("pb.yml");
        Files.writeString(pb, """
                - hosts: all
                  tasks:
                    - name: before
                      file: {path: /root/before, state: touch}
                    - name: long step
                      shell: sleep 8 && touch /root/slept
                      args: {creates: /root/slept}
                    - name: after
                      file: {path: /root/after, state: touch}
                """);
        CompletableFuture<Void> kill = CompletableFuture.runAsync(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(3500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lab.stop("k8s-slave2");
        });
        try {
            Path json = dir.resolve("r.json");
            Cli.Result r = Cli.run("play", "-i", inv.toString(), pb.toString(), "--report-json", json.toString());
            kill.get(30, TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
            JsonNode rep = new ObjectMapper().readTree(json.toFile());
            assertThat(rep.at("/hosts/k8s-slave2/unreachable").asBoolean()).isTrue();
            boolean atLongStep = false;
            for (JsonNode t : rep.get("tasks")) {
                if (t.get("host").asText().equals("k8s-slave2") && t.get("status").asText().equals("unreachable")) {
                    atLongStep = t.get("task").asText().equals("long step");
                }
            }
            assertThat(atLongStep).as("reported at the task it was on").isTrue();
            for (String h : new String[] {"k8s-master", "k8s-slave1"}) {
                assertThat(rep.at("/hosts/" + h + "/failed").asInt()).isZero();
                assertThat(lab.ssh(h, "test -e /root/after").exitCode()).as(h + " finished").isZero();
            }
        } finally {
            lab.reset("k8s-slave2");
        }
    }

    @Test
    void hostBackAfterATransientDrop_isReachedByRetries() throws Exception {
        lab.reset("k8s-slave2");
        Path inv = lab.inventory(dir, "k8s-slave2");
        Path pb = dir.resolve("pb.yml");
        Files.writeString(pb, "- hosts: all\n  tasks:\n    - file: {path: /root/reached, state: touch}\n");
        lab.stop("k8s-slave2");
        CompletableFuture<Void> back = CompletableFuture.runAsync(() -> lab.reset("k8s-slave2"));
        try {
            Cli.Result r = Cli.run("play", "-i", inv.toString(), pb.toString(), "--retries", "5");
            back.get(60, TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(lab.ssh("k8s-slave2", "test -e /root/reached").exitCode()).isZero();
        } finally {
            lab.reset("k8s-slave2");
        }
    }
}
