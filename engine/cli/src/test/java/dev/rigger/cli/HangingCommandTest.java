package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that hangs is killed on its host at the task's timeout, reported as failed, and
 * the other host's tasks are unaffected.
 */
class HangingCommandTest {
    @TempDir
    Path dir;

    @Test
    void hangingCommand_killedAtTimeout_otherHostFinishes() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("inv.ini"), "[a]\nstuck ansible_connection=local\n[b]\nfine ansible_connection=local\n");
        String marker = "rigger-hang-" + System.nanoTime();
        Files.writeString(dir.resolve("pb.yml"), """
                - hosts: a
                  tasks:
                    - name: hangs
                      shell: "sleep 300; echo MARKER"
                      timeout: 2
                - hosts: b
                  tasks:
                    - name: works
                      file: {path: DIR/done, state: touch}
                """.replace("MARKER", marker).replace("DIR", dir.toString()));
        long t0 = System.nanoTime();
        Path json = dir.resolve("r.json");
        Cli.Result r = Cli.run("play", "-i", dir.resolve("inv.ini").toString(), dir.resolve("pb.yml").toString(), "--report-json", json.toString());
        long secs = (System.nanoTime() - t0) / 1_000_000_000L;
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(secs).as("stopped near its 2 s timeout, not after 300 s").isLessThan(30);
        JsonNode rep = new ObjectMapper().readTree(json.toFile());
        assertThat(rep.at("/hosts/stuck/failed").asInt()).isEqualTo(1);
        assertThat(rep.at("/hosts/fine/changed").asInt()).isEqualTo(1);
        assertThat(r.out()).contains("timed out after 2s");
        assertThat(dir.resolve("done")).exists();
        Thread.sleep(500);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)).count())
                .as("the hung command is gone").isZero();
    }
}
