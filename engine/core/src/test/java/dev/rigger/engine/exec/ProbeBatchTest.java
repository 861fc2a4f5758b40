package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.ExecResult;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
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

    @Test
    void reads_answeredByOneCat_eachExactlyAsItsOwnCatWouldHave() throws Exception {
        byte[] bin = {0, 1, '\n', '@', '@', 'R', 'I', 'G', 'G', 'E', 'R', ' ', '0', '\n', (byte) 0xff};
        Path a = Files.write(dir.resolve("a"), bin);
        Path noNewline = Files.writeString(dir.resolve("-n x\n'q'"), "last line without newline");
        Path empty = Files.writeString(dir.resolve("empty"), "");
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, noNewline);
        String missing = dir.resolve("missing").toString();
        // every cat the host runs leaves a line: the regular files take one between them
        Path cats = dir.resolve("cats.log");
        Path cat = Files.writeString(dir.resolve("counting-cat"), "#!/bin/sh\necho cat >> " + cats + "\nexec cat \"$@\"\n");
        cat.toFile().setExecutable(true);
        AtomicInteger trips = new AtomicInteger();
        HostSession counted = new HostSession("local", rewriting(trips, (trip, c) -> c.replace("cat -- ", cat + " -- ")), Map.of(), false, Duration.ofSeconds(10));
        List<ProbeResult> r = counted.probe(List.of(new Probe.Read(a.toString()), new Probe.Read(missing), new Probe.Stat(a.toString()),
                new Probe.Run(List.of("echo", "between")), new Probe.Read(empty.toString()), new Probe.Read(link.toString()),
                new Probe.Read(dir.toString()), new Probe.Read("/proc/self/status"), new Probe.Read(noNewline.toString()),
                new Probe.Read(a.toString())));
        assertThat(trips).hasValue(1);
        assertThat(r.get(0).exitCode()).isZero();
        assertThat(r.get(0).output()).isEqualTo(bin);
        assertThat(r.get(1).exitCode()).isEqualTo(1);
        assertThat(r.get(1).error()).isEqualTo("cat: " + missing + ": No such file or directory\n");
        assertThat(r.get(2).fileState().size()).isEqualTo(bin.length);
        assertThat(r.get(3).text()).isEqualTo("between\n");
        assertThat(r.get(4).output()).isEmpty();
        assertThat(r.get(4).exitCode()).isZero();
        assertThat(r.get(5).text()).isEqualTo("last line without newline");
        assertThat(r.get(6).exitCode()).isEqualTo(1);
        assertThat(r.get(6).error()).contains("Is a directory");
        assertThat(r.get(7).text()).contains("Name:");
        assertThat(r.get(8).text()).isEqualTo("last line without newline");
        assertThat(r.get(9).output()).isEqualTo(bin);
        // a, empty and noNewline take one cat together; missing, the link, the directory and /proc one each
        assertThat(Files.readAllLines(cats)).hasSize(5);
    }

    @Test
    void aFileThatChangesBetweenStatAndCat_isReadAgainOnItsOwn() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "before\n");
        Path b = Files.writeString(dir.resolve("b"), "bee\n");
        // stands in for another writer: right after stat measured the files, a grows
        Path stat = Files.writeString(dir.resolve("stat-then-append"), "#!/bin/sh\nstat \"$@\"; rc=$?; echo after >> " + a + "; exit $rc\n");
        stat.toFile().setExecutable(true);
        AtomicInteger trips = new AtomicInteger();
        HostSession host = new HostSession("local", rewriting(trips, (trip, c) -> trip == 0 ? c.replace("stat --printf", stat + " --printf") : c),
                Map.of(), false, Duration.ofSeconds(10));
        List<ProbeResult> r = host.probe(List.of(new Probe.Read(a.toString()), new Probe.Read(b.toString())));
        assertThat(trips).hasValue(2);
        assertThat(r.get(0).text()).isEqualTo("before\nafter\n");
        assertThat(r.get(1).text()).isEqualTo("bee\n");
    }

    /** This machine, counting round trips, with each command rewritten first (given the trips before it). */
    private static Connection rewriting(AtomicInteger trips, BiFunction<Integer, String, String> rewrite) {
        CountingConnection local = new CountingConnection(trips);
        return new Connection() {
            @Override
            public ExecResult exec(String command, byte[] stdin, Duration timeout) {
                return local.exec(rewrite.apply(trips.get(), command), stdin, timeout);
            }

            @Override
            public void close() { }
        };
    }

    private static String sha(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes()));
    }
}
