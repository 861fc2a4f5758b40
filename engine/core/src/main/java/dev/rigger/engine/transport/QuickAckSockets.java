package dev.rigger.engine.transport;

import com.jcraft.jsch.SocketFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketOption;

/**
 * JSch's sockets, acknowledging what the host sends at once (Linux's TCP_QUICKACK, set around
 * every read: the kernel drops it again on its own). sshd leaves Nagle's algorithm on for a
 * session without a terminal, so a small packet it sends while one is unacknowledged waits for
 * our ACK, and Linux delays that by up to 40 ms when we have nothing to send: after a login,
 * sshd's hostkeys-00@openssh.com notice held back the first channel's confirmation by ~42 ms on
 * every connection (measured against the lab's sshd; 2-3 ms with this). Elsewhere than Linux the
 * option does not exist and the sockets are plain ones.
 */
final class QuickAckSockets implements SocketFactory {
    private static final SocketOption<Boolean> QUICKACK = quickAck();
    private final int connectTimeoutMillis;

    QuickAckSockets(int connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    private static SocketOption<Boolean> quickAck() {
        try (Socket probe = new Socket()) {
            return probe.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK) ? jdk.net.ExtendedSocketOptions.TCP_QUICKACK : null;
        } catch (IOException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            s.setTcpNoDelay(true);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public InputStream getInputStream(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        if (QUICKACK == null) return in;
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                quick();
                int b = super.read();
                quick();
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                quick();
                int n = super.read(b, off, len);
                quick();
                return n;
            }

            private void quick() {
                try {
                    socket.setOption(QUICKACK, true);
                } catch (IOException | RuntimeException e) {
                    // a closed socket: the read says so
                }
            }
        };
    }

    @Override
    public OutputStream getOutputStream(Socket socket) throws IOException {
        return socket.getOutputStream();
    }
}
