package dev.rigger.keeper;

import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.ExecResult;
import dev.rigger.engine.transport.TransportException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** A host's connection through the session keeper: each command is one request on the run's socket. */
final class KeptConnection implements Connection {
    private final SocketChannel socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final String host;

    KeptConnection(SocketChannel socket, DataInputStream in, DataOutputStream out, String host) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.host = host;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) {
        try {
            KeeperProtocol.writeExec(out, command, stdin, timeout);
            out.flush();
            return KeeperProtocol.readResult(in);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) throw new TransportException("interrupted", e);
            throw new TransportException("session keeper stopped while " + host + " was in use: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to tell the keeper: it sees the socket end either way
        }
    }
}
