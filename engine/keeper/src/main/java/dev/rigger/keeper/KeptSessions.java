package dev.rigger.keeper;

import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.SshConnection;
import dev.rigger.engine.transport.SshSessions;
import dev.rigger.engine.transport.Target;
import dev.rigger.engine.transport.TransportException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's side of the session keeper ({@link SessionKeeper}): each host's connection goes through
 * the keeper when one is running; when none is, the run connects itself, as without
 * {@code --ssh-persist}, and starts a keeper in the background for the runs after it (as
 * OpenSSH's ControlMaster=auto, the first connection pays the login). A folder that is not the
 * user's alone, or a keeper that cannot be started, only means no keeping: the run goes on.
 */
public final class KeptSessions implements SshSessions {
    private static final Logger LOG = LoggerFactory.getLogger(KeptSessions.class);

    private final KeeperDir dir;
    private final Duration persist;
    private final SshConnection.Clients clients;
    private final String unusable;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param persist how long a session stays open unused after this run (and the keeper, once
     *                it holds none)
     * @param clients the run's own clients, for connecting itself when no keeper answers
     */
    public KeptSessions(Duration persist, SshConnection.Clients clients) {
        this(KeeperDir.fromEnvironment(), persist, clients);
    }

    KeptSessions(KeeperDir dir, Duration persist, SshConnection.Clients clients) {
        this.dir = dir;
        this.persist = persist;
        this.clients = clients;
        this.unusable = dir.prepare();
        if (unusable != null) LOG.warn("--ssh-persist: sessions are not kept: {}", unusable);
    }

    /** @throws TransportException as {@link SshConnection#open} does, from the keeper or this run */
    @Override
    public Connection open(Target t) {
        if (unusable == null) {
            SocketChannel socket;
            try {
                socket = dir.connect();
            } catch (KeeperDir.Untrusted e) {
                if (warned.compareAndSet(false, true)) LOG.warn("--ssh-persist: the session keeper is not used: {}", e.getMessage());
                return SshConnection.open(t, clients);
            }
            if (socket != null) {
                try {
                    DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(socket)));
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(socket)));
                    KeeperProtocol.writeTarget(out, t, persist);
                    out.flush();
                    KeeperProtocol.readOk(in);
                    return new KeptConnection(socket, in, out, t.host());
                } catch (IOException e) {
                    closeQuietly(socket);
                    LOG.debug("session keeper did not answer for {}, connecting directly: {}", t.host(), e.toString());
                } catch (TransportException e) {
                    closeQuietly(socket);
                    throw e;
                }
            } else if (started.compareAndSet(false, true)) {
                start();
            }
        }
        return SshConnection.open(t, clients);
    }

    /** Starts a keeper detached from this run (its own session: the terminal's ^C is for the run). */
    private void start() {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid");
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a small fixed young generation: it lives long and keeps little (~4 MB at 50
                // hosts); with the default one it filled ~100 MB of eden before its first collection
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmn16m", "-Xss512k",
                "-cp", System.getProperty("java.class.path"), SessionKeeper.class.getName(),
                dir.path().toString(), Long.toString(Math.max(1, persist.toSeconds()))));
        try {
            new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log().toFile()))
                    .redirectErrorStream(true)
                    .start();
            LOG.debug("started a session keeper in {}", dir.path());
        } catch (IOException e) {
            LOG.warn("--ssh-persist: cannot start the session keeper: {}", e.getMessage());
        }
    }

    /** {@code $RIGGER_KEEPER_DIR}, else {@code ~/.rigger/keeper}. */
    public static Path defaultDir() {
        return KeeperDir.fromEnvironment().path();
    }

    /**
     * The keeper's counts: sessions it opened since it started, and how many are open now; null
     * when none runs (or it is exiting).
     *
     * @throws IOException also when the folder, the socket or the process answering cannot be trusted (nothing is sent)
     */
    public static int[] status(Path dir) throws IOException {
        SocketChannel socket = new KeeperDir(dir).connect();
        if (socket == null) return null;
        try (socket; DataInputStream in = new DataInputStream(Channels.newInputStream(socket));
             DataOutputStream out = new DataOutputStream(Channels.newOutputStream(socket))) {
            out.writeByte(KeeperProtocol.STATUS);
            return new int[] {in.readInt(), in.readInt()};
        } catch (java.io.EOFException e) {
            return null; // it closed without answering: it was exiting
        }
    }

    /**
     * Asks the keeper to close its sessions and exit; false when none runs.
     *
     * @throws IOException also when the folder, the socket or the process answering cannot be trusted (nothing is sent)
     */
    public static boolean stop(Path dir) throws IOException {
        SocketChannel socket = new KeeperDir(dir).connect();
        if (socket == null) return false;
        try (socket; DataInputStream in = new DataInputStream(Channels.newInputStream(socket));
             DataOutputStream out = new DataOutputStream(Channels.newOutputStream(socket))) {
            out.writeByte(KeeperProtocol.STOP);
            KeeperProtocol.readOk(in);
            return true;
        }
    }

    private static void closeQuietly(SocketChannel s) {
        try {
            s.close();
        } catch (IOException e) {
            // the keeper sees the socket end either way
        }
    }
}
