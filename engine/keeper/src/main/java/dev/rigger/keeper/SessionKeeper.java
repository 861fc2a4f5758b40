package dev.rigger.keeper;

import dev.rigger.engine.transport.ExecResult;
import dev.rigger.engine.transport.SshConnection;
import dev.rigger.engine.transport.Target;
import dev.rigger.engine.transport.TransportException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds SSH sessions between runs, as OpenSSH's ControlPersist does for Ansible: a run with
 * {@code --ssh-persist} asks this process, through a socket in a folder only its user can open
 * ({@link KeeperDir}), to run its commands on sessions it already has, so a run soon after
 * another logs in nowhere. A session unused for its persist time is closed; the keeper exits when
 * it holds none and no run has talked to it for its own persist time.
 *
 * <p>Started by a run ({@link KeptSessions}) as {@code java -cp ... SessionKeeper DIR SECONDS};
 * it writes nothing but its log. Host keys are checked when a session is opened, as a run does;
 * a session is keyed by everything that opened it, known_hosts' and the key's last change
 * included, so editing known_hosts means new, checked sessions.
 */
public final class SessionKeeper {
    private final KeeperDir dir;
    private final Duration idle;
    private final Map<Key, Kept> kept = new ConcurrentHashMap<>();
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile Instant lastActivity = Instant.now();
    private ServerSocketChannel server;

    SessionKeeper(KeeperDir dir, Duration idle) {
        this.dir = dir;
        this.idle = idle;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SessionKeeper DIR SECONDS");
            System.exit(2);
        }
        KeeperDir dir = new KeeperDir(Path.of(args[0]));
        String unusable = dir.prepare();
        if (unusable != null) {
            log("not started: " + unusable);
            System.exit(1);
        }
        try (FileChannel lockFile = FileChannel.open(dir.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) return; // another keeper started a moment before this one: it serves
            new SessionKeeper(dir, Duration.ofSeconds(Long.parseLong(args[1]))).serve();
        }
        System.exit(0); // JSch's reader threads of closed sessions must not keep the JVM
    }

    /** What opened a session; two runs that agree on all of it share the session. */
    private record Key(String host, String address, int port, String user, Path key, Path knownHosts,
                       boolean acceptNew, long keyStamp, long knownHostsStamp) {
        static Key of(Target t) {
            Path known = t.knownHosts() != null ? t.knownHosts()
                    : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
            return new Key(t.host(), t.address(), t.port(), t.user(), t.privateKey(), t.knownHosts(), t.acceptNew(),
                    stamp(t.privateKey()), stamp(known));
        }

        private static long stamp(Path p) {
            try {
                return p == null ? 0 : Files.getLastModifiedTime(p).toMillis() * 31 + Files.size(p);
            } catch (IOException e) {
                return -1;
            }
        }
    }

    /**
     * One kept session: opened on first use, opened again when the host closed it. The handshake
     * runs under {@code opening}, never under this object's lock, which the sweeper takes (inside
     * the map's compute) and which must stay short.
     */
    private final class Kept {
        private final Target target;
        private final Object opening = new Object();
        private SshConnection connection;
        private Duration persist = Duration.ZERO;
        private Instant lastUsed = Instant.now();
        private int users;

        Kept(Target target) {
            this.target = target;
        }

        synchronized void use(Duration wanted) {
            users++;
            if (wanted.compareTo(persist) > 0) persist = wanted;
            lastUsed = Instant.now();
        }

        synchronized void release() {
            users--;
            lastUsed = Instant.now();
        }

        /** The open session, a new one if there is none or the host closed it. */
        SshConnection connection() {
            synchronized (opening) {
                SshConnection c;
                synchronized (this) {
                    c = connection;
                    if (c != null && c.isOpen()) return c;
                    connection = null;
                }
                if (c != null) c.close();
                SshConnection fresh = SshConnection.open(target);
                opened.incrementAndGet();
                synchronized (this) {
                    connection = fresh;
                }
                return fresh;
            }
        }

        /**
         * A command that did not start because the session had gone gets one new session. No
         * time is noted here: a session in use never expires, and release() notes the last use.
         */
        ExecResult exec(String command, byte[] stdin, Duration timeout) {
            SshConnection c = connection();
            try {
                return c.exec(command, stdin, timeout);
            } catch (TransportException e) {
                if (!e.isNotStarted()) throw e;
                synchronized (this) {
                    if (connection == c) connection = null;
                }
                c.close();
                return connection().exec(command, stdin, timeout);
            }
        }

        synchronized boolean expired(Instant now) {
            return users == 0 && now.isAfter(lastUsed.plus(persist));
        }

        synchronized boolean isOpen() {
            return connection != null && connection.isOpen();
        }

        void close() {
            SshConnection c;
            synchronized (this) {
                c = connection;
                connection = null;
            }
            if (c != null) c.close();
        }
    }

    /** Serves runs until idle or stopped (package-private: tests run a keeper in their own JVM). */
    void serve() throws IOException {
        Files.deleteIfExists(dir.socket()); // left by a keeper that died: the lock says none runs
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        // bound under a private name, made rw------- and only then renamed into place: there is
        // no moment at which the socket exists with the umask's mode under the name runs open
        Path bound = dir.path().resolve("." + dir.socket().getFileName() + "." + ProcessHandle.current().pid());
        Files.deleteIfExists(bound);
        server.bind(UnixDomainSocketAddress.of(bound));
        Files.setPosixFilePermissions(bound, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.move(bound, dir.socket(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        log("serving on " + dir.socket() + ", exits after " + idle.toSeconds() + " s without sessions or runs");
        Thread sweeper = new Thread(this::sweep, "keeper-sweeper");
        sweeper.setDaemon(true);
        sweeper.start();
        try {
            while (true) {
                SocketChannel run = server.accept();
                Thread t = new Thread(() -> talk(run), "keeper-run");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException e) {
            if (server.isOpen()) throw e; // else: closed by the sweeper or a STOP, on purpose
        } finally {
            kept.values().forEach(Kept::close);
            Files.deleteIfExists(dir.socket());
            log("stopped; " + opened.get() + " session(s) opened in all");
        }
    }

    /** One run's socket: OPEN, then EXECs, until the run closes it. */
    private void talk(SocketChannel socket) {
        String stranger = KeeperDir.peerRefusal(socket);
        if (stranger != null) {
            // as OpenSSH's mux master: only its own user may use the sessions
            log("refused a connection: " + stranger);
            try {
                socket.close();
            } catch (IOException e) {
                // closed either way
            }
            return;
        }
        runs.incrementAndGet();
        Kept session = null;
        try (socket;
             DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(socket)));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(socket)))) {
            for (int op; (op = KeeperProtocol.readRequest(in)) != -1; out.flush()) {
                if (op == KeeperProtocol.OPEN || op == KeeperProtocol.EXEC) lastActivity = Instant.now(); // not STATUS
                switch (op) {
                    case KeeperProtocol.OPEN -> {
                        KeeperProtocol.Opened o = KeeperProtocol.readTarget(in);
                        if (session != null) throw new IOException("a second OPEN on one socket");
                        // taken under the map's lock, so the sweeper cannot close it in between;
                        // opened outside it (a handshake must not hold other hosts' bins)
                        session = kept.compute(Key.of(o.target()), (k, v) -> {
                            Kept s = v != null ? v : new Kept(o.target());
                            s.use(o.persist());
                            return s;
                        });
                        try {
                            session.connection();
                            KeeperProtocol.writeOk(out);
                        } catch (TransportException e) {
                            KeeperProtocol.writeFailure(out, e);
                        }
                    }
                    case KeeperProtocol.EXEC -> {
                        String command = KeeperProtocol.readString(in);
                        byte[] stdin = KeeperProtocol.readBytes(in);
                        Duration timeout = Duration.ofMillis(in.readLong());
                        if (session == null) throw new IOException("EXEC before OPEN");
                        try {
                            KeeperProtocol.writeResult(out, session.exec(command, stdin, timeout));
                        } catch (TransportException e) {
                            KeeperProtocol.writeFailure(out, e);
                        }
                    }
                    case KeeperProtocol.STATUS -> {
                        out.writeInt(opened.get());
                        out.writeInt((int) kept.values().stream().filter(Kept::isOpen).count());
                    }
                    case KeeperProtocol.STOP -> {
                        KeeperProtocol.writeOk(out);
                        out.flush();
                        server.close();
                        return;
                    }
                    default -> throw new IOException("unknown request " + op);
                }
            }
        } catch (IOException | RuntimeException e) {
            log("a run's socket ended: " + e);
        } finally {
            if (session != null) {
                session.release();
                lastActivity = Instant.now();
            }
            runs.decrementAndGet();
        }
    }

    /** Closes sessions unused for their persist time; ends the keeper when it has nothing to keep. */
    private void sweep() {
        while (server.isOpen()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            Instant now = Instant.now();
            for (Key k : kept.keySet()) {
                // removed under the map's lock (no run can take it meanwhile), closed outside it
                List<Kept> gone = new ArrayList<>(1);
                kept.computeIfPresent(k, (key, s) -> {
                    if (!s.expired(now)) return s;
                    gone.add(s);
                    return null;
                });
                gone.forEach(Kept::close);
            }
            if (kept.isEmpty() && runs.get() == 0 && now.isAfter(lastActivity.plus(idle))) {
                try {
                    server.close();
                } catch (IOException e) {
                    return;
                }
            }
        }
    }

    private static void log(String message) {
        System.err.println(Instant.now() + " keeper " + ProcessHandle.current().pid() + ": " + message);
    }
}
