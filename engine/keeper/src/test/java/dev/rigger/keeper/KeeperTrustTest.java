package dev.rigger.keeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session keeper trusts no one but its user (issue 20), as OpenSSH's ControlMaster: every
 * folder above its own checked (no links, none writable by others), at every connect and by
 * {@code status}/{@code stop} too; its socket {@code rw-------}; a connection from another uid
 * ({@code SO_PEERCRED}) closed unanswered.
 */
class KeeperTrustTest {
    @TempDir
    Path tmp;

    private static void chmod(Path p, String perms) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    @Test
    void aFolderAboveWritableByOthers_orALinkAbove_isRefused() throws Exception {
        Path open = Files.createDirectory(tmp.resolve("open"));
        chmod(open, "rwxrwxrwx"); // not sticky: anyone may rename the keeper's folder away and put their own
        assertThat(new KeeperDir(open.resolve("keeper")).prepare()).contains(open + " (above the keeper's folder) can be written by others");

        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThat(new KeeperDir(link.resolve("keeper")).prepare()).contains(link + " is a symbolic link");

        Path sticky = Files.createDirectory(tmp.resolve("sticky"));
        assertThat(new ProcessBuilder("chmod", "1777", sticky.toString()).start().waitFor()).isZero();
        assertThat(new KeeperDir(sticky.resolve("keeper")).prepare()).as("a sticky folder, as /tmp").isNull();
    }

    @Test
    void aFolderOpenedAfterwards_isRefusedAtTheNextConnect_andByStatusAndStop() throws Exception {
        KeeperDir dir = new KeeperDir(tmp.resolve("keeper"));
        assertThat(dir.prepare()).isNull();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(dir.socket()));
            chmod(dir.socket(), "rw-------");
            dir.connect().close(); // trusted: connects
            chmod(dir.path(), "rwxr-xr-x");
            assertThatThrownBy(dir::connect).hasMessageContaining("is open to others");
            assertThatThrownBy(() -> KeptSessions.status(dir.path())).isInstanceOf(IOException.class).hasMessageContaining("is open to others");
            assertThatThrownBy(() -> KeptSessions.stop(dir.path())).isInstanceOf(IOException.class).hasMessageContaining("is open to others");
            chmod(dir.path(), "rwx------");
            chmod(dir.socket(), "rw-rw-rw-");
            assertThatThrownBy(dir::connect).hasMessageContaining("it must be 600");
        }
    }

    @Test
    void aRealKeeper_socketIs0600_andAnotherUsersConnectionIsClosedUnanswered() throws Exception {
        assertThat(System.getProperty("user.name")).as("needs root to act as another user").isEqualTo("root");
        KeeperDir dir = new KeeperDir(tmp.resolve("keeper"));
        assertThat(dir.prepare()).isNull();
        Thread keeper = new Thread(() -> {
            try {
                new SessionKeeper(dir, Duration.ofSeconds(60)).serve();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "test-keeper");
        keeper.setDaemon(true);
        keeper.start();
        for (int i = 0; i < 200 && !Files.exists(dir.socket()); i++) Thread.sleep(25);
        String created = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.socket()));

        // someone else reaching the socket anyway (a hard link in a folder open to all, mode 666): SO_PEERCRED stops them
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "keeper-peer");
        try {
            chmod(shared, "rwxr-xr-x");
            Path link = Files.createLink(shared.resolve("k.sock"), dir.socket());
            chmod(link, "rw-rw-rw-");
            Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c",
                    "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.connect(sys.argv[1])\nprint('connected')\n"
                            + "try:\n  s.sendall(b'S')\n  d=s.recv(8)\nexcept OSError as e:\n  d=b''; print('closed:', e)\nprint('answer', len(d))", link.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            assertThat(out).as("the other user did reach the socket").contains("connected");
            assertThat(out).contains("answer 0").doesNotContain("answer 8");
        } finally {
            chmod(dir.socket(), "rw-------");
            new ProcessBuilder("rm", "-rf", shared.toString()).start().waitFor();
        }
        assertThat(created).as("the socket as the keeper made it").isEqualTo("rw-------");
        assertThat(KeptSessions.status(dir.path())).as("its own user is served").containsExactly(0, 0);
        assertThat(KeptSessions.stop(dir.path())).isTrue();
        keeper.join(10_000);
        assertThat(dir.socket()).doesNotExist();
    }
}
