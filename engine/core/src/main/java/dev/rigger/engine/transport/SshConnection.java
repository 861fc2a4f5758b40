package dev.rigger.engine.transport;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

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

    public static SshConnection open(Target t) {
        JSch jsch = new JSch();
        StrictKnownHosts keys = new StrictKnownHosts(jsch, t.knownHosts(), t.acceptNew());
        try {
            jsch.setHostKeyRepository(keys);
            if (t.privateKey() != null) jsch.addIdentity(t.privateKey().toString());
            Session s = jsch.getSession(t.user(), t.address(), t.port());
            s.setConfig("StrictHostKeyChecking", "yes");
            s.setConfig("PreferredAuthentications", "publickey");
            s.setServerAliveInterval(15_000);
            s.connect((int) t.connectTimeout().toMillis());
            return new SshConnection(s, t.host());
        } catch (JSchException e) {
            String refused = keys.refusal();
            if (refused != null) throw TransportException.refused(refused, e);
            throw new TransportException(refused != null ? refused
                    : "cannot connect to " + t.user() + "@" + t.address() + ":" + t.port() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) {
        ChannelExec ch = null;
        try {
            ch = (ChannelExec) session.openChannel("exec");
            ch.setCommand(command);
            InputStream out = ch.getInputStream();
            InputStream err = ch.getErrStream();
            OutputStream in = ch.getOutputStream();
            ch.connect((int) Math.min(timeout.toMillis(), 30_000));
            writeQuietly(in, stdin);
            long deadline = System.nanoTime() + timeout.toNanos();
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            byte[] buf = new byte[32 * 1024];
            while (true) {
                boolean idle = pump(out, o, buf) & pump(err, e, buf);
                if (ch.isClosed() && out.available() == 0 && err.available() == 0) break;
                if (System.nanoTime() > deadline) {
                    throw new TransportException("command timed out after " + timeout.toSeconds() + "s", null, true);
                }
                if (!session.isConnected()) throw new TransportException("connection to " + host + " lost", null);
                if (idle) Thread.sleep(1);
            }
            if (ch.getExitStatus() < 0) {
                // the channel closed without an exit status: the host or its sshd went away mid-command
                throw new TransportException("connection to " + host + " lost while a command ran", null);
            }
            return new ExecResult(ch.getExitStatus(), o.toByteArray(), e.toByteArray());
        } catch (JSchException | IOException ex) {
            throw new TransportException("connection to " + host + " failed: " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted", ex);
        } finally {
            if (ch != null) ch.disconnect();
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

    /** Copies what is available; true when nothing was. */
    private static boolean pump(InputStream in, ByteArrayOutputStream to, byte[] buf) throws IOException {
        int n = in.available();
        if (n <= 0) return true;
        int r = in.read(buf, 0, Math.min(n, buf.length));
        if (r > 0) to.write(buf, 0, r);
        return false;
    }

    @Override
    public void close() {
        session.disconnect();
    }
}
