package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rigger killed with SIGKILL at random points of an apply that writes files and installs
 * packages: no target file is ever empty or half-written (writes are temp + verify + rename),
 * and the next apply converges.
 */
@LabTest
class KillMidApplyLabTest {
    private static final int KILLS = 20;
    @TempDir
    Path dir;
    private final Lab lab = Lab.get();

    @Test
    void sigkillAtRandomPoints_neverLeavesAHalfWrittenFile_thenConverges() throws Exception {
        lab.reset("k8s-slave1");
        Path inv = lab.inventory(dir, "k8s-slave1");
        Path pb = dir.resolve("pb.yml");
        Files.writeString(pb, """
                - hosts: all
                  tasks:
                    - yum_repository: {name: kubernetes, baseurl: "file:///srv/rigger-lab/repo/kubernetes", gpgcheck: false}
                    - file: {path: /opt/kill, state: directory}
                    - name: big files
                      copy: {dest: "/opt/kill/f{{ item }}.txt", content: "{{ payload }}"}
                      loop: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
                    - name: package
                      yum: {name: "kubectl-{{ kver }}", state: present}
                """);
        Random random = new Random(42);
        List<String> report = new ArrayList<>();
        for (int gen = 0; gen < KILLS; gen++) {
            Process p = rigger(inv, pb, gen);
            long delay = 300 + random.nextInt(3500);
            boolean finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!finished) p.destroyForcibly().waitFor();
            TimeUnit.MILLISECONDS.sleep(300);
            report.add("gen " + gen + " killed at " + delay + " ms" + (finished ? " (had finished)" : ""));
            assertFilesWhole(gen);
        }
        Process last = rigger(inv, pb, KILLS);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as(Files.readString(dir.resolve("out-" + KILLS + ".txt"))).isZero();
        Process again = rigger(inv, pb, KILLS);
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("out-" + KILLS + ".txt"))).contains("changed=0");
        assertThat(lab.sh("k8s-slave1", "tail -n1 /opt/kill/f10.txt")).isEqualTo("END gen=" + KILLS + "\n");
        System.out.println(String.join("\n", report));
        lab.reset("k8s-slave1");
    }

    /** Every managed file that exists is complete: it ends with its generation's last line. */
    private void assertFilesWhole(int gen) {
        String check = "for f in /opt/kill/f*.txt; do [ -e \"$f\" ] || continue; "
                + "[ -s \"$f\" ] || echo \"EMPTY $f\"; tail -n1 \"$f\" | grep -q '^END gen=' || echo \"PARTIAL $f\"; done; "
                + "ls -A /opt/kill 2>/dev/null | grep -c rigger- || true";
        String out = lab.sh("k8s-slave1", check);
        assertThat(out).as("after kill " + gen).doesNotContain("EMPTY").doesNotContain("PARTIAL");
    }

    private Process rigger(Path inv, Path pb, int gen) throws Exception {
        Path vars = dir.resolve("vars-" + gen + ".yml");
        // 300 KB as a block scalar of lines (one unbroken run that long is past the loader's 256 KiB limit)
        String payload = "  gen=" + gen + "\n" + ("  " + "x".repeat(62) + "\n").repeat(4_700) + "  END gen=" + gen + "\n";
        Files.writeString(vars, "payload: |\n" + payload + "kver: \"" + (gen % 2 == 0 ? "1.16.2" : "1.17.0") + "\"\n");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                "dev.rigger.cli.Main", "play", "-i", inv.toString(), "-e", "@" + vars, pb.toString())
                .redirectErrorStream(true).redirectOutput(new File(dir.resolve("out-" + gen + ".txt").toString())).start();
    }
}
