package dev.rigger.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'rigger keeper status' against no keeper, and against one that closes without answering (it was exiting). */
class KeeperStatusTest {
    @TempDir
    Path tmp;

    @Test
    void noSocket_isNoKeeper() throws Exception {
        assertThat(KeptSessions.status(tmp)).isNull();
        assertThat(KeptSessions.stop(tmp)).isFalse();
    }

    @Test
    void aKeeperThatClosesWithoutAnswering_isNoKeeper_notAnError() throws Exception {
        KeeperDir dir = new KeeperDir(tmp);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(dir.socket()));
            java.nio.file.Files.setPosixFilePermissions(dir.socket(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Thread closer = new Thread(() -> {
                try (SocketChannel run = server.accept()) {
                    run.read(java.nio.ByteBuffer.allocate(1)); // the request, then nothing
                } catch (java.io.IOException e) {
                    // the test fails on the status below if this went wrong
                }
            });
            closer.start();
            assertThat(KeptSessions.status(tmp)).isNull();
            closer.join(5000);
        }
    }
}
