package dev.rigger.engine.exec;

import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.ExecResult;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One host's connection: every command through it is wrapped by a {@link Privilege}, with a
 * become password first on stdin, and a batch of probes is one {@link ProbeScript}.
 */
final class HostShell implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HostShell.class);
    private final String name;
    private volatile Connection connection;
    /** Logs in anew (after a reboot), or null when this shell cannot. */
    private final java.util.function.Supplier<Connection> reopen;
    private final SudoPassword sudoPassword = new SudoPassword();

    HostShell(String name, Connection connection) {
        this(name, connection, null);
    }

    HostShell(String name, Connection connection, java.util.function.Supplier<Connection> reopen) {
        this.name = name;
        this.connection = connection;
        this.reopen = reopen;
    }

    /** Whether {@link #reconnect} can log in anew. */
    boolean canReconnect() {
        return reopen != null;
    }

    /** Whether the commands run on the controller itself. */
    boolean local() {
        return connection.local();
    }

    /**
     * Drops the connection and logs in anew: the host rebooted, and the old connection (or the
     * session keeper's) died with it. Every later command, of this task and the next, uses the new one.
     *
     * @throws dev.rigger.engine.transport.TransportException when the login fails
     */
    synchronized void reconnect() {
        try {
            connection.close();
        } catch (RuntimeException e) {
            LOG.debug("{}: closing the old connection: {}", name, e.toString());
        }
        connection = reopen.get();
    }

    String name() {
        return name;
    }

    /** A shell script (the wrapper's own shell runs it, no second one), wrapped; {@code stdin} may be null. */
    ExecResult exec(Privilege p, String script, byte[] stdin) {
        if (!p.sudo() || p.password() == null) return connection.exec(p.wrap(script, null), stdin, p.clientDeadline());
        String marker = SudoPassword.marker();
        return connection.exec(p.wrap(script, marker), SudoPassword.stdin(p.password(), marker, stdin), p.clientDeadline());
    }

    /** With a become password: null once sudo accepted it on this host, else why not (checked once). */
    String refusal(Privilege p) {
        return p.sudo() && p.password() != null ? sudoPassword.refusal(name, connection, p.password(), p.timeout()) : null;
    }

    /** {@code probes} in one round trip (two when files changed while they were read together). */
    List<ProbeResult> probe(Privilege p, List<Probe> probes) {
        return probe(p, probes, null);
    }

    /** As above, the commands of different {@code lanes} (one number per probe, or null) at the same time ({@link ProbeScript#inLanes}). */
    List<ProbeResult> probe(Privilege p, List<Probe> probes, List<Integer> lanes) {
        long t0 = System.nanoTime();
        String refused = refusal(p);
        if (refused != null) throw new ModuleException(refused);
        List<ProbeResult> answers = ask(p, lanes == null ? ProbeScript.of(probes) : ProbeScript.inLanes(probes, lanes));
        if (answers.contains(null)) answers = askAgain(p, probes, answers);
        if (LOG.isDebugEnabled()) LOG.debug("{}: {} probe(s) in one round trip, {} ms", name, probes.size(), (System.nanoTime() - t0) / 1_000_000);
        return answers;
    }

    private List<ProbeResult> ask(Privilege p, ProbeScript script) {
        ExecResult r = exec(p, script.text(), null);
        if (r.exitCode() == Privilege.TIMED_OUT) throw new IllegalStateException("probes timed out after " + p.timeout().toSeconds() + "s on " + name);
        return script.parse(r.stdout(), r.stderr());
    }

    /** Files that changed while they were read together (null answers): those reads again, each a cat of its own. */
    private List<ProbeResult> askAgain(Privilege p, List<Probe> probes, List<ProbeResult> answers) {
        List<Probe> again = IntStream.range(0, probes.size()).filter(i -> answers.get(i) == null)
                .mapToObj(probes::get).distinct().toList();
        List<ProbeResult> read = ask(p, ProbeScript.withoutBatchedReads(again));
        List<ProbeResult> all = new ArrayList<>(answers);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == null) all.set(i, read.get(again.indexOf(probes.get(i))));
        }
        return all;
    }

    /** Each probe once, in first-asked order. */
    static List<Probe> distinct(List<Probe> probes) {
        return List.copyOf(new LinkedHashSet<>(probes));
    }

    @Override
    public void close() {
        connection.close();
    }
}
