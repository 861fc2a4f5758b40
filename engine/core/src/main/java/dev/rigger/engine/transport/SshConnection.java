package dev.rigger.engine.transport;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JSch session per host for the whole run; every command is a cheap exec channel on it
 * (handshakes are expensive, channels are not). Host keys are checked strictly by
 * {@link StrictKnownHosts}.
 */
public final class SshConnection implements Connection {
    private final Session session;
    private final String host;

    private SshConnection(Session session, String host) {
        this.session = session;
        this.host = host;
    }

    /** A client for each known_hosts and key a run uses: each is read once, not once per host. */
    public static final class Clients {
        private record Client(JSch jsch, StrictKnownHosts.Loaded known, String loadError) { }

        private final Map<List<Object>, Client> clients = new ConcurrentHashMap<>();

        private Client of(Target t) {
            return clients.computeIfAbsent(Arrays.asList(t.knownHosts(), t.privateKey(), t.acceptNew()), k -> {
                JSch jsch = new JSch();
                StrictKnownHosts.Loaded known = StrictKnownHosts.load(jsch, t.knownHosts(), t.acceptNew());
                String error = known.error();
                try {
                    if (t.privateKey() != null) jsch.addIdentity(t.privateKey().toString());
                } catch (JSchException e) {
                    error = error != null ? error : "cannot read private key " + t.privateKey() + ": " + e.getMessage();
                }
                return new Client(jsch, known, error);
            });
        }
    }

    /**
     * What JSch would otherwise test on every connection, decided once per run. It tests each
     * key exchange in CheckKexes by running its first half (the hybrid ML-KEM one makes an X25519
     * key pair before it finds no ML-KEM on JDKs before 24) and each signature in
     * CheckSignatures by loading it: per connection, for answers that cannot change in a JVM.
     */
    private static final Map<String, String> ALGORITHMS = algorithms();

    static Map<String, String> algorithms() {
        Map<String, String> config = new java.util.LinkedHashMap<>();
        List<String> kex = List.of(JSch.getConfig("kex").split(","));
        java.util.function.Function<Boolean, String> joined = mlkem -> kex.stream()
                .filter(k -> k.startsWith("mlkem") == mlkem).collect(java.util.stream.Collectors.joining(","));
        // by the JDK's version: asking the providers loads every one of them (tens of ms)
        int jdk = Runtime.version().feature();
        if (jdk < 24) {
            // no ML-KEM before JDK 24 (JEP 496): the hybrid exchanges are never offered, nothing to test
            config.put("kex", joined.apply(false));
            config.put("CheckKexes", "");
        } else {
            // only they depend on the JVM (JDK 24+); the X25519 ones are in every JDK Rigger runs on
            config.put("CheckKexes", joined.apply(true));
        }
        config.put("CheckSignatures", ""); // Ed25519 and Ed448: in every JDK from 15 on
        return Map.copyOf(config);
    }

    /** Opens a session with a client of its own (known_hosts and key read for this host alone). */
    public static SshConnection open(Target t) {
        return open(t, new Clients());
    }

    public static SshConnection open(Target t, Clients clients) {
        Clients.Client c = clients.of(t);
        // per connection: the refusal it records names this host
        StrictKnownHosts keys = new StrictKnownHosts(c.jsch(), t.acceptNew(), new StrictKnownHosts.Loaded(c.known().known(), c.loadError()));
        try {
            if (keys.refusal() != null) throw new JSchException(keys.refusal());
            Session s = c.jsch().getSession(t.user(), t.address(), t.port());
            s.setHostKeyRepository(keys);
            s.setConfig("StrictHostKeyChecking", "yes");
            s.setConfig("PreferredAuthentications", "publickey");
            ALGORITHMS.forEach(s::setConfig);
            s.setServerAliveInterval(15_000);
            s.setSocketFactory(new QuickAckSockets((int) t.connectTimeout().toMillis()));
            s.connect((int) t.connectTimeout().toMillis());
            return new SshConnection(s, t.host());
        } catch (JSchException e) {
            String refused = keys.refusal();
            if (refused != null) throw TransportException.refused(refused, e);
            // the socket's own failure (refused, timed out, no route), without JSch's "Session.connect: " before it
            String why = e.getCause() instanceof java.io.IOException io ? io.toString() : e.getMessage();
            throw new TransportException("cannot connect to " + t.user() + "@" + t.address() + ":" + t.port() + ": " + why, e);
        }
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) {
        ChannelExec ch = null;
        try {
            if (!session.isConnected()) {
                throw TransportException.notStarted("connection to " + host + " lost", null);
            }
            ch = (ChannelExec) session.openChannel("exec");
            ch.setCommand(command);
            // JSch's own thread writes the output here as it arrives: nothing to pump on ours
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            ch.setOutputStream(o, true);
            ch.setErrStream(e, true);
            OutputStream in = ch.getOutputStream();
            ch.connect((int) Math.min(timeout.toMillis(), 30_000));
            writeQuietly(in, stdin);
            awaitClose(ch, System.nanoTime() + timeout.toNanos(), timeout);
            if (ch.getExitStatus() < 0) {
                // the channel closed without an exit status: the host or its sshd went away mid-command
                throw new TransportException("connection to " + host + " lost while a command ran", null);
            }
            return new ExecResult(ch.getExitStatus(), o.toByteArray(), e.toByteArray());
        } catch (JSchException | IOException ex) {
            // only opening the channel and asking it to exec throw these: the command did not start
            throw TransportException.notStarted("connection to " + host + " failed: " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted", ex);
        } finally {
            if (ch != null) ch.disconnect();
        }
    }

    /**
     * JSch tells of a closed channel only by a flag: look often at first (most probes answer in
     * milliseconds), then less and less, so a long install costs no CPU while it waits.
     */
    private void awaitClose(ChannelExec ch, long deadline, Duration timeout) throws InterruptedException {
        long pause = 200_000; // ns
        while (!ch.isClosed()) {
            if (System.nanoTime() > deadline) {
                throw new TransportException("command timed out after " + timeout.toSeconds() + "s", null, true);
            }
            if (!session.isConnected()) throw new TransportException("connection to " + host + " lost", null);
            java.util.concurrent.locks.LockSupport.parkNanos(pause);
            if (Thread.interrupted()) throw new InterruptedException();
            pause = Math.min(pause * 2, 20_000_000);
        }
    }

    /** A command may exit before reading all its input (a failed step): its exit code says why. */
    private static void writeQuietly(OutputStream in, byte[] stdin) {
        try (in) {
            if (stdin != null) in.write(stdin);
        } catch (IOException e) {
            // ignored on purpose, see above
        }
    }

    /** False once the host or its sshd closed the connection (JSch's reader saw it end). */
    public boolean isOpen() {
        return session.isConnected();
    }

    @Override
    public void close() {
        session.disconnect();
    }
}
