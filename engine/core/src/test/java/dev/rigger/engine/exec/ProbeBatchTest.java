package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.transport.LocalConnection;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several probes in one round trip through a real shell: framing, binary output, odd names. */
class ProbeBatchTest {
    @TempDir
    Path dir;
    private final HostSession host = new HostSession("local", new LocalConnection(), Map.of(), false, Duration.ofSeconds(10));

    @Test
    void batch_answersEachProbeInOrder_binaryAndMarkersIntact() throws IOException {
        Path bin = dir.resolve("bin");
        byte[] bytes = {0, 1, 2, '\n', '@', '@', 'R', 'I', 'G', 'G', 'E', 'R', ' ', '1', (byte) 0xff};
        Files.write(bin, bytes);
        List<ProbeResult> r = host.probe(List.of(new Probe.Read(bin.toString()), new Probe.Run(List.of("sh", "-c", "echo out; echo err >&2; exit 3")),
                new Probe.Stat(dir.resolve("missing").toString()), new Probe.Shell("t=clobbered; r=5; echo $t")));
        assertThat(r.get(0).output()).isEqualTo(bytes);
        assertThat(r.get(1).exitCode()).isEqualTo(3);
        assertThat(r.get(1).text()).isEqualTo("out\n");
        assertThat(r.get(1).error()).isEqualTo("err\n");
        assertThat(r.get(2).fileState().exists()).isFalse();
        assertThat(r.get(3).text()).isEqualTo("clobbered\n");
    }

    @Test
    void stat_oddNames_giveTheRealChecksumTypeAndMode() throws Exception {
        Path odd = dir.resolve("a\\b\nc $(x) 'q' ü");
        Files.writeString(odd, "content");
        Files.setPosixFilePermissions(odd, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        FileState s = host.stat(odd.toString());
        assertThat(s.type()).isEqualTo(FileState.Type.FILE);
        assertThat(s.mode()).isEqualTo(0640);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("content".getBytes()));
        assertThat(s.sha256()).isEqualTo(sha);
        Path link = dir.resolve("l");
        Files.createSymbolicLink(link, Path.of("target x"));
        assertThat(host.stat(link.toString()).linkTarget()).isEqualTo("target x");
        assertThat(host.stat(dir.toString()).type()).isEqualTo(FileState.Type.DIRECTORY);
    }

    @Test
    void manyStats_answeredTogether_eachToItsOwnPath_inTheProbesOrder() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "a");
        Path odd = Files.writeString(dir.resolve("x\\y\nz|w"), "bb");
        Path empty = Files.writeString(dir.resolve("-empty"), "");
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, Path.of("target\nwith newline"));
        List<Probe> probes = List.of(new Probe.Stat(odd.toString()), new Probe.Run(List.of("echo", "between")),
                new Probe.Stat(dir.resolve("absent").toString()), new Probe.Stat(plain.toString()), new Probe.Stat(link.toString()),
                new Probe.Stat(dir.toString()), new Probe.Stat(plain.toString()), new Probe.Stat(empty.toString()));
        List<ProbeResult> r = host.probe(probes);
        assertThat(r.get(0).fileState().sha256()).isEqualTo(sha("bb"));
        assertThat(r.get(0).fileState().size()).isEqualTo(2);
        assertThat(r.get(1).text()).isEqualTo("between\n");
        assertThat(r.get(2).fileState().exists()).isFalse();
        assertThat(r.get(3).fileState().sha256()).isEqualTo(sha("a"));
        assertThat(r.get(4).fileState().type()).isEqualTo(FileState.Type.LINK);
        assertThat(r.get(4).fileState().linkTarget()).isEqualTo("target\nwith newline");
        assertThat(r.get(5).fileState().type()).isEqualTo(FileState.Type.DIRECTORY);
        assertThat(r.get(6).fileState()).isEqualTo(r.get(3).fileState());
        assertThat(r.get(7).fileState().sha256()).isEqualTo(sha(""));
    }

    private static String sha(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes()));
    }
}
