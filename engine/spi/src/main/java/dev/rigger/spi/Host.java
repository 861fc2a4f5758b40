package dev.rigger.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A module's read-only view of one host. Every method is a probe: it never changes the host,
 * so it is safe in check mode. {@link #probe(List)} runs several probes in one round trip;
 * prefer it when a module needs more than one fact. <b>Stable.</b>
 */
public interface Host {

    /** The host's inventory name. */
    String name();

    /** Facts the engine gathered once per run (e.g. {@code service_manager}); read-only. */
    Map<String, Object> facts();

    /** Runs all {@code probes} in one round trip; results are in the same order. */
    List<ProbeResult> probe(List<Probe> probes);

    /** Runs a read-only program; arguments are passed literally. */
    default ProbeResult run(String... argv) {
        return probe(List.of(new Probe.Run(List.of(argv)))).get(0);
    }

    /** State of {@code path} (not following a final symlink). */
    default FileState stat(String path) {
        return probe(List.of(new Probe.Stat(path))).get(0).fileState();
    }

    /** Content of {@code path}, or empty when it does not exist. */
    default Optional<byte[]> read(String path) {
        ProbeResult r = probe(List.of(new Probe.Read(path))).get(0);
        return r.exitCode() == 0 ? Optional.of(r.output()) : Optional.empty();
    }
}
