package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalWriteTest {
    @TempDir Path dir;

    @Test
    void writesThroughMissingFolders_withTheModeLessTheUmask_andLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("h/etc/a.conf");
        assertThat(LocalWrite.run(new Step.WriteLocal(target.toString(), "x\n".getBytes(), 0640)).ok()).isTrue();
        assertThat(Files.readString(target)).isEqualTo("x\n");
        // 0640 less any umask bit: never more than asked
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).matches("r[w-]-[r-]-----");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aReplacedFile_keepsItsMode() throws Exception {
        Path target = dir.resolve("a");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        assertThat(LocalWrite.run(new Step.WriteLocal(target.toString(), "new".getBytes(), 0644)).ok()).isTrue();
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void aFolderInTheWay_fails_andIsLeftAlone() throws Exception {
        Files.createDirectories(dir.resolve("d/sub"));
        var r = LocalWrite.run(new Step.WriteLocal(dir.resolve("d").toString(), "x".getBytes(), null));
        assertThat(r.ok()).isFalse();
        assertThat(r.stderr()).contains("Is a directory");
        assertThat(dir.resolve("d/sub")).isDirectory();
    }
}
