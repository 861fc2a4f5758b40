package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.transport.LocalConnection;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of different tasks run at the same time on the host (lanes), through a real
 * shell: shown by a rendezvous (one probe waits for a file another one makes), not by timing.
 */
class ProbeLanesTest {
    @TempDir
    Path dir;

    /** Waits up to about 10 s for {@code file}: "met" when it appeared, else "alone" and exit 7. */
    private static Probe waitsFor(Path file) {
        return new Probe.Shell("i=0; while [ $i -lt 200 ]; do [ -e '" + file + "' ] && { echo met; exit 0; }; sleep 0.05; i=$((i+1)); done; echo alone; exit 7");
    }

    private List<ProbeResult> run(ProbeScript script, String tmpdir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script.text());
        pb.environment().put("TMPDIR", tmpdir);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = dir.resolve("out"), err = dir.resolve("err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.start().waitFor();
        return script.parse(Files.readAllBytes(out), Files.readAllBytes(err));
    }

    @Test
    void differentLanes_runTogether_oneLaneInOrder() throws Exception {
        Path made = dir.resolve("made");
        List<Probe> probes = List.of(waitsFor(made), new Probe.Shell("touch '" + made + "'; echo made"));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        List<ProbeResult> together = run(ProbeScript.inLanes(probes, List.of(0, 1)), tmp.toString());
        assertThat(together).extracting(ProbeResult::text).containsExactly("met\n", "made\n");
        assertThat(together.get(0).exitCode()).isZero();
        assertThat(tmp).isEmptyDirectory();   // the lanes' files are removed
        Files.delete(made);
        // one lane (a task's probes, or no lanes at all): in order, so the first waits alone
        List<ProbeResult> inOrder = run(ProbeScript.inLanes(probes, List.of(3, 3)), tmp.toString());
        assertThat(inOrder).extracting(ProbeResult::text).containsExactly("alone\n", "made\n");
        assertThat(inOrder.get(0).exitCode()).isEqualTo(7);
        Files.delete(made);
        assertThat(run(ProbeScript.of(probes), tmp.toString())).extracting(ProbeResult::text).containsExactly("alone\n", "made\n");
    }

    @Test
    void withoutATemporaryDirectory_oneAfterAnother() throws Exception {
        Path made = dir.resolve("made");
        List<ProbeResult> r = run(ProbeScript.inLanes(List.of(waitsFor(made), new Probe.Shell("touch '" + made + "'")), List.of(0, 1)),
                dir.resolve("missing").toString());
        assertThat(r.get(0).text()).isEqualTo("alone\n");
        assertThat(r.get(1).exitCode()).isZero();
    }

    @Test
    void answers_keepTheirOrderOutputErrorsAndExitCodes_unmixed() throws Exception {
        List<Probe> probes = new ArrayList<>();
        List<Integer> lanes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            probes.add(new Probe.Shell("for n in $(seq 300); do echo out" + i + " $n; echo err" + i + " $n >&2; done; exit " + i));
            lanes.add(i);
        }
        Path bin = Files.write(dir.resolve("bin"), new byte[]{0, '\n', '@', '@', 'R', (byte) 0xff});
        probes.add(new Probe.Run(List.of("cat", bin.toString())));
        lanes.add(2);
        probes.add(new Probe.Stat(bin.toString()));
        lanes.add(5);
        List<ProbeResult> r = run(ProbeScript.inLanes(probes, lanes), dir.toString());
        for (int i = 0; i < 10; i++) {
            int id = i;
            String want = IntStream.rangeClosed(1, 300).mapToObj(n -> "%s" + id + " " + n + "\n").reduce("", String::concat);
            assertThat(r.get(i).text()).isEqualTo(want.replace("%s", "out"));
            assertThat(r.get(i).error()).isEqualTo(want.replace("%s", "err"));
            assertThat(r.get(i).exitCode()).isEqualTo(i);
        }
        assertThat(r.get(10).output()).isEqualTo(Files.readAllBytes(bin));
        assertThat(r.get(11).fileState().size()).isEqualTo(6);
    }

    @Test
    void atMostFourLanesAtOnce() throws Exception {
        Path d = Files.createDirectory(dir.resolve("running"));
        List<Probe> probes = new ArrayList<>();
        List<Integer> lanes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // each counts the probes running with it, at its start and after a while
            probes.add(new Probe.Shell("mkdir '" + d + "/" + i + "'; a=$(ls '" + d + "' | wc -l); sleep 0.2; b=$(ls '" + d + "' | wc -l); rmdir '"
                    + d + "/" + i + "'; echo $a; echo $b"));
            lanes.add(i);
        }
        List<ProbeResult> r = run(ProbeScript.inLanes(probes, lanes), dir.toString());
        int most = r.stream().flatMap(x -> x.text().lines()).mapToInt(l -> Integer.parseInt(l.trim())).max().orElseThrow();
        assertThat(most).isBetween(1, ProbeScript.LANES);
    }

    @Test
    void fetchAheadByTask_answersEveryTaskOnce_thenFromWhatWasFetched() {
        Path made = dir.resolve("made");
        HostSession host = new HostSession("local", new LocalConnection(), Map.of(), false, Duration.ofSeconds(30));
        Probe shared = new Probe.Run(List.of("echo", "shared"));
        Probe make = new Probe.Shell("touch '" + made + "'; echo made");
        host.fetchAheadByTask(List.of(List.of(waitsFor(made), shared), List.of(shared, make)));
        assertThat(host.probe(List.of(waitsFor(made), shared))).extracting(ProbeResult::text).containsExactly("met\n", "shared\n");
        assertThat(host.probe(List.of(shared, make))).extracting(ProbeResult::text).containsExactly("shared\n", "made\n");
    }
}
