package dev.rigger.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir Path dir;

    @Test
    void write_replacesTheTarget_privateByDefault_andLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("report.json");
        Files.writeString(f, "old");
        AtomicFile.write(f, "new".getBytes(), null);
        assertThat(Files.readString(f)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        AtomicFile.write(f, "newer".getBytes(), AtomicFile.permissions(0640));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void aFailedWrite_leavesTheOldFile_andNoTemporaryFile() throws IOException {
        Path f = dir.resolve("d");
        Files.createDirectory(f);
        Files.writeString(f.resolve("inside"), "x");
        // a rename over a non-empty folder fails: the folder stays as it was
        assertThatThrownBy(() -> AtomicFile.write(f, "new".getBytes(), null)).isInstanceOf(IOException.class);
        assertThat(Files.readString(f.resolve("inside"))).isEqualTo("x");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void permissions_andUmask_areTheBitsOpen2Uses() {
        assertThat(PosixFilePermissions.toString(AtomicFile.permissions(0754))).isEqualTo("rwxr-xr--");
        assertThat(AtomicFile.umask()).isBetween(0, 0777);
    }
}
