package dev.rigger.engine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rigger.engine.diag.Diagnostic;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.SourceText;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.yaml.YamlLimits;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's loader findings: files that are no files, too large, too deep or alias bombs are
 * refused quickly with a located diagnostic, never a hang, an OutOfMemoryError or a
 * StackOverflowError.
 */
class LoaderLimitsTest {
    private static final Duration QUICKLY = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private Diagnostics load(String playbook) throws IOException {
        Path f = dir.resolve("site.yml");
        Files.writeString(f, playbook);
        Diagnostics d = new Diagnostics();
        assertTimeoutPreemptively(QUICKLY, () -> new PlaybookLoader().load(f, d));
        return d;
    }

    private Diagnostic onlyError(Diagnostics d) {
        assertThat(d.list()).as(d.toString()).hasSize(1);
        assertThat(d.list().get(0).isError()).isTrue();
        return d.list().get(0);
    }

    private void varsFileRefused(String name, String why) throws IOException {
        Diagnostic e = onlyError(load("- hosts: all\n  vars_files: [" + name + "]\n  tasks: []\n"));
        assertThat(e.location().file()).endsWith("site.yml");
        assertThat(e.location().line()).isEqualTo(2);
        assertThat(e.message()).contains(why);
    }

    @Test
    void varsFileThatIsAFolder_isRefusedAtTheLineNamingIt() throws IOException {
        Files.createDirectory(dir.resolve("vars"));
        varsFileRefused(dir.resolve("vars").toString(), "a folder, not a file");
    }

    @Test
    void varsFileThatIsAFifo_isRefusedUnopened_neverAHang() throws Exception {
        Path fifo = dir.resolve("pipe.yml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        varsFileRefused(fifo.toString(), "not a regular file");
    }

    @Test
    void varsFileThatIsADevice_isRefusedUnread_neverAnOutOfMemoryError() throws IOException {
        varsFileRefused("/dev/zero", "not a regular file");
    }

    @Test
    void fileOverTheSizeLimit_isRefusedBeforeReading() throws IOException {
        Path big = dir.resolve("big.yml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(SourceText.MAX_BYTES + 1L); // sparse: nothing to scan, only the size tells
        }
        varsFileRefused(big.toString(), "over the limit of " + SourceText.MAX_BYTES);
    }

    @Test
    void inventoryThatIsAFifo_isRefused_neverAHang() throws Exception {
        Path fifo = dir.resolve("hosts");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Diagnostics d = new Diagnostics();
        assertTimeoutPreemptively(QUICKLY, () -> Inventory.load(fifo, d));
        assertThat(onlyError(d).message()).contains("not a regular file");
    }

    @Test
    void deepFlowNesting_inATask_isALocatedError() throws IOException {
        // issue 20: depth 300 was a StackOverflowError
        Diagnostic e = onlyError(load("- hosts: all\n  tasks:\n    - debug:\n        msg: " + "[".repeat(300) + "]".repeat(300) + "\n"));
        assertThat(e.location().line()).isEqualTo(4);
        assertThat(e.message()).contains("nested deeper than " + YamlLimits.MAX_DEPTH);
    }

    @Test
    void aliasBomb_inAVarsFile_isRefusedAtTheAlias() throws IOException {
        StringBuilder b = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            b.append("l").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 10; j++) b.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            b.append("]\n");
        }
        Files.writeString(dir.resolve("lol.yml"), b);
        Diagnostic e = onlyError(load("- hosts: all\n  vars_files: [lol.yml]\n  tasks: []\n"));
        assertThat(e.location().file()).endsWith("lol.yml");
        assertThat(e.location().line()).isPositive();
        assertThat(e.message()).contains("aliases expanded");
    }
}
