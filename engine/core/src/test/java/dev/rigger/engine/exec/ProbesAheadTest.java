package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.transport.Connection;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes fetched ahead through a real shell: one round trip, served as often as asked, dropped by a step. */
class ProbesAheadTest {
    @TempDir
    Path dir;
    private final AtomicInteger trips = new AtomicInteger();
    private final Connection counting = new CountingConnection(trips);
    private final HostSession host = new HostSession("local", counting, Map.of(), false, Duration.ofSeconds(10));

    @Test
    void fetchedAhead_servedWithoutRoundTrips_asOftenAsAskedAhead_thenLive() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "one");
        Probe stat = new Probe.Stat(f.toString());
        Probe read = new Probe.Read(f.toString());
        host.fetchAhead(List.of(stat, read, stat));
        assertThat(trips).hasValue(1);
        Files.writeString(f, "two, changed behind our back");

        assertThat(host.probe(List.of(read)).get(0).text()).isEqualTo("one");
        assertThat(host.probe(List.of(stat)).get(0).fileState().size()).isEqualTo(3);
        assertThat(host.probe(List.of(stat)).get(0).fileState().size()).isEqualTo(3);
        assertThat(trips).hasValue(1);
        // asked ahead twice, so a third ask (a module polling) sees the host as it is now
        assertThat(host.probe(List.of(stat)).get(0).fileState().size()).isEqualTo(28);
        assertThat(trips).hasValue(2);
    }

    @Test
    void aStepDropsEverythingFetchedAhead_andAPartialMatchGoesLive() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "one");
        Probe read = new Probe.Read(f.toString());
        host.fetchAhead(List.of(read, read));
        assertThat(host.probe(List.of(read, new Probe.Stat(f.toString()))).get(0).text()).isEqualTo("one");
        assertThat(trips).hasValue(2);
        host.run(new Step.Shell("printf changed > " + ShellQuote.quote(f.toString())));
        assertThat(host.probe(List.of(read)).get(0).text()).isEqualTo("changed");
    }

    @Test
    void aStepAnswersWhatFollowsIt_inItsOwnRoundTrip_outputAndInputIntact() throws Exception {
        Path f = dir.resolve("f");
        Probe read = new Probe.Read(f.toString());
        var r = host.run(new Step.Run(List.of("sh", "-c", "cat > \"$0\"; printf 'no newline'; printf warn >&2", f.toString()),
                "piped \u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8)), List.of(read, read));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("no newline");
        assertThat(r.stderr()).isEqualTo("warn");
        assertThat(trips).hasValue(1);
        // answered after the step, as often as asked, then live
        assertThat(host.probe(List.of(read)).get(0).text()).isEqualTo("piped \u00e9");
        assertThat(host.probe(List.of(read)).get(0).text()).isEqualTo("piped \u00e9");
        assertThat(trips).hasValue(1);
        host.probe(List.of(read));
        assertThat(trips).hasValue(2);
    }

    @Test
    void aFailingStep_exitingOrNot_keepsItsOwnCodeAndOutput_andAnswersNothing() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "one");
        Probe read = new Probe.Read(f.toString());
        for (String script : List.of("echo out; echo err >&2; exit 7", "r=0; echo out; echo err >&2; false", "set -e\necho out; echo err >&2; trap 'exit 7' EXIT; false")) {
            var r = host.run(new Step.Shell(script), List.of(read));
            assertThat(r.exitCode()).as(script).isIn(1, 7);
            assertThat(r.stdout()).isEqualTo("out\n");
            assertThat(r.stderr()).isEqualTo("err\n");
            int before = trips.get();
            assertThat(host.probe(List.of(read)).get(0).text()).isEqualTo("one");
            assertThat(trips.get()).as("asked live after a failed step").isEqualTo(before + 1);
        }
    }

    @Test
    void privilegesAreNotMixed() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "one");
        Probe read = new Probe.Read(f.toString());
        host.fetchAhead(List.of(read));
        HostSession other = host.with(true, Duration.ofSeconds(10));
        assertThat(host.probe(List.of(read)).get(0).text()).isEqualTo("one");
        int before = trips.get();
        try {
            other.probe(List.of(read)); // through sudo, which this machine may lack: only the round trip counts
        } catch (RuntimeException e) {
            // a missing sudo makes the framing fail; it was still asked live
        }
        assertThat(trips.get()).isEqualTo(before + 1);
    }

    @Test
    void declaredFirstProbes_areTheModules_andAFailingDeclarationIsTheModulesCrash() {
        Module declaring = new Module() {
            @Override
            public String name() {
                return "declaring";
            }

            @Override
            public String summary() {
                return "declares its first probe from its argument";
            }

            @Override
            public ParamSpec spec() {
                return ParamSpec.builder().build();
            }

            @Override
            public List<Probe> firstProbes(Params params) {
                return List.of(new Probe.Stat(params.string("path").strip()));
            }

            @Override
            public Change plan(Params params, Host h) {
                h.stat(params.string("path"));
                return Change.none();
            }
        };
        assertThat(FirstProbes.of(declaring, new BoundParams(Map.of("path", "/first"), List.of(dir), Map.of()))).containsExactly(new Probe.Stat("/first"));
        // a declaration that throws is the module's bug, reported as its crash (not silently no prefetch)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FirstProbes.of(declaring, new BoundParams(Map.of(), List.of(dir), Map.of())))
                .isInstanceOf(ModuleCrash.class).hasMessageContaining("NullPointerException");
        assertThat(trips).hasValue(0);
    }
}
