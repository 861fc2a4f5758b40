package dev.rigger.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keeper's folder is used only when it is the user's alone and its socket path fits. */
class KeeperDirTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingFolderIsCreatedClosedToOthers() throws Exception {
        KeeperDir dir = new KeeperDir(tmp.resolve("a/keeper"));
        assertThat(dir.prepare()).isNull();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path()))).isEqualTo("rwx------");
        assertThat(dir.socket().getParent()).isEqualTo(dir.path());
        assertThat(dir.socket().getFileName().toString()).matches("keeper-v1-[0-9a-f]+\\.sock");
    }

    @Test
    void aFolderOthersCanReadOrWriteIsRefused_saying_what() throws Exception {
        for (String perms : new String[] {"rwxr-x---", "rwx---rwx", "rwx-w----"}) {
            Path p = Files.createDirectory(tmp.resolve("k" + perms.hashCode()));
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
            assertThat(new KeeperDir(p).prepare()).as(perms).contains("open to others").contains(perms);
        }
    }

    @Test
    void aFileOrALinkInItsPlaceIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThat(new KeeperDir(file).prepare()).contains("is not a folder");
        Path real = Files.createDirectory(tmp.resolve("real"));
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThat(new KeeperDir(link).prepare()).as("a link could be pointed elsewhere later").contains("is a symbolic link");
    }

    @Test
    void aSocketPathTooLongForTheKernelIsRefused() {
        Path deep = tmp.resolve("d".repeat(100));
        assertThat(new KeeperDir(deep).prepare()).contains("longer than a Unix socket's path may be");
    }
}
