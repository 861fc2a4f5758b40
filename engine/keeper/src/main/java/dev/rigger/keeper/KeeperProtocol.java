package dev.rigger.keeper;

import dev.rigger.engine.transport.ExecResult;
import dev.rigger.engine.transport.Target;
import dev.rigger.engine.transport.TransportException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a run and the session keeper say over the keeper's socket. A run opens one socket per
 * host: {@code OPEN} with the host's {@link Target} first, then any number of {@code EXEC}s,
 * one at a time, each answered before the next; closing the socket ends it. The version is in
 * the socket's name, so a run never talks to a keeper of another protocol.
 */
final class KeeperProtocol {
    static final int VERSION = 1;
    static final byte OPEN = 'O';
    static final byte EXEC = 'X';
    static final byte STATUS = 'S';
    static final byte STOP = 'Q';
    private static final byte OK = 0;
    private static final byte FAILED = 1;
    private static final int MAX_BYTES = 256 << 20; // a command's output is buffered whole in both processes

    private KeeperProtocol() {
    }

    static void writeTarget(DataOutputStream out, Target t, Duration persist) throws IOException {
        out.writeByte(OPEN);
        writeString(out, t.host());
        writeString(out, t.address());
        out.writeInt(t.port());
        writeString(out, t.user());
        writeString(out, t.privateKey() == null ? null : t.privateKey().toString());
        writeString(out, t.knownHosts() == null ? null : t.knownHosts().toString());
        out.writeBoolean(t.acceptNew());
        out.writeLong(t.connectTimeout().toMillis());
        out.writeLong(persist.toMillis());
    }

    /** After the {@code OPEN} byte: the target and how long to keep its session unused. */
    static Opened readTarget(DataInputStream in) throws IOException {
        String host = readString(in);
        String address = readString(in);
        int port = in.readInt();
        String user = readString(in);
        String key = readString(in);
        String knownHosts = readString(in);
        boolean acceptNew = in.readBoolean();
        Duration connect = Duration.ofMillis(in.readLong());
        Duration persist = Duration.ofMillis(in.readLong());
        return new Opened(new Target(host, address, port, user, key == null ? null : Path.of(key),
                knownHosts == null ? null : Path.of(knownHosts), acceptNew, connect), persist);
    }

    record Opened(Target target, Duration persist) {
    }

    static void writeExec(DataOutputStream out, String command, byte[] stdin, Duration timeout) throws IOException {
        out.writeByte(EXEC);
        writeString(out, command);
        writeBytes(out, stdin);
        out.writeLong(timeout.toMillis());
    }

    static void writeOk(DataOutputStream out) throws IOException {
        out.writeByte(OK);
    }

    static void writeResult(DataOutputStream out, ExecResult r) throws IOException {
        out.writeByte(OK);
        out.writeInt(r.exitCode());
        writeBytes(out, r.stdout());
        writeBytes(out, r.stderr());
    }

    /** A failure travels as what the run would have seen had it connected itself. */
    static void writeFailure(DataOutputStream out, TransportException e) throws IOException {
        out.writeByte(FAILED);
        writeString(out, e.getMessage());
        out.writeBoolean(e.isRefusal());
        out.writeBoolean(e.isTimeout());
    }

    /** Reads an OK (nothing follows) or throws the failure sent. */
    static void readOk(DataInputStream in) throws IOException {
        if (in.readByte() != OK) throw readFailure(in);
    }

    static ExecResult readResult(DataInputStream in) throws IOException {
        readOk(in);
        int exit = in.readInt();
        return new ExecResult(exit, readBytes(in), readBytes(in));
    }

    private static TransportException readFailure(DataInputStream in) throws IOException {
        String message = readString(in);
        boolean refusal = in.readBoolean();
        boolean timeout = in.readBoolean();
        return refusal ? TransportException.refused(message, null) : new TransportException(message, null, timeout);
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    static String readString(DataInputStream in) throws IOException {
        byte[] b = readBytes(in);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) out.write(b);
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) return null;
        if (n < 0 || n > MAX_BYTES) throw new IOException("bad frame length " + n);
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** The first byte of a request, or -1 when the other side closed the socket between requests. */
    static int readRequest(DataInputStream in) throws IOException {
        try {
            return in.readUnsignedByte();
        } catch (EOFException e) {
            return -1;
        }
    }
}
