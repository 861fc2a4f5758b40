package dev.rigger.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickAckSocketsTest {

    @Test
    void connectsWithoutNagle_andReadsEveryByteThroughItsStream() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            QuickAckSockets sockets = new QuickAckSockets(5_000);
            try (Socket s = sockets.createSocket("127.0.0.1", server.getLocalPort()); Socket peer = server.accept()) {
                assertThat(s.getTcpNoDelay()).isTrue();
                OutputStream toUs = peer.getOutputStream();
                toUs.write("SSH-2.0-".getBytes(StandardCharsets.US_ASCII));
                toUs.write('x');
                toUs.write("rest\n".getBytes(StandardCharsets.US_ASCII));
                peer.shutdownOutput();
                InputStream in = sockets.getInputStream(s);
                byte[] first = new byte[8];
                assertThat(in.readNBytes(first, 0, 8)).isEqualTo(8);
                assertThat(in.read()).isEqualTo('x');
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("rest\n");
                assertThat(in.read()).isEqualTo(-1);
                assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("SSH-2.0-");
            }
        }
    }

    @Test
    void aPortNobodyListensOn_isRefusedAsTheSocketSaysIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> new QuickAckSockets(5_000).createSocket("127.0.0.1", port)).isInstanceOf(ConnectException.class);
    }
}
