package dev.rigger.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A module's read-only view of one host. Every method is a probe: it never changes the host,
 * so it is safe in check mode. {@link #probe(List)} runs several probes in one round trip;
 * prefer it when a module needs more than one fact. <b>Stable.</b>
 *
 * <p>Why batch: each call is one command over SSH, and the round trip, not the command, is
 * what costs; on a slow link it dominates planning. Three paths checked with one
 * {@link #probe(List)} cost one round trip, three calls to {@link #stat(String)} cost three.
 * The engine supplies the implementation; modules only call it.
 */
public interface Host {

    /**
     * The host's inventory name.
     *
     * @return the name as written in the inventory, e.g. {@code k8s-master}
     */
    String name();

    /**
     * Facts the engine gathered once per run (e.g. {@code service_manager}); read-only.
     *
     * @return the facts by name; possibly empty, so probe for anything a module cannot do
     *         without
     */
    Map<String, Object> facts();

    /**
     * Runs all {@code probes} in one round trip; results are in the same order.
     *
     * @param probes the questions to ask, in any order; may be empty
     * @return one result per probe, {@code results.get(i)} answering {@code probes.get(i)}
     */
    List<ProbeResult> probe(List<Probe> probes);

    /**
     * Runs a read-only program; arguments are passed literally.
     *
     * @param argv the program and its arguments, never interpreted by a shell
     * @return its exit code and output; a non-zero exit is an answer, not an exception
     */
    default ProbeResult run(String... argv) {
        return probe(List.of(new Probe.Run(List.of(argv)))).get(0);
    }

    /**
     * State of {@code path} (not following a final symlink).
     *
     * @param path an absolute path on the host
     * @return its state, {@link FileState.Type#ABSENT} when nothing is there; null when the
     *         path could not be examined (e.g. a parent folder is not readable)
     */
    default FileState stat(String path) {
        return probe(List.of(new Probe.Stat(path))).get(0).fileState();
    }

    /**
     * Content of {@code path}, or empty when it does not exist.
     *
     * @param path an absolute path on the host
     * @return the file's bytes; empty when it is missing or cannot be read
     */
    default Optional<byte[]> read(String path) {
        ProbeResult r = probe(List.of(new Probe.Read(path))).get(0);
        return r.exitCode() == 0 ? Optional.of(r.output()) : Optional.empty();
    }
}
