package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/writing-modules.md, walked: its {@code sh} blocks run as written, in order, in one shell,
 * in an empty folder with an empty home (so nothing of the machine's Maven settings helps), with
 * {@code rigger} on the PATH and Maven offline against the repository Rigger's build installed.
 */
class DocWalkTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final Path DEMO = Path.of("/tmp/rigger-conf_line.txt");

    @TempDir
    Path dir;

    /** The body of every fenced block opened with {@code ```sh}. */
    static List<String> shellBlocks(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?ms)^```sh\\n(.*?)^```$").matcher(markdown);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void writingModules_everyShellCommand_runsAsWritten_fromAnEmptyFolder() throws Exception {
        List<String> blocks = shellBlocks(Files.readString(ROOT.resolve("docs/writing-modules.md")));
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
        assertThat(blocks.get(0)).startsWith("rigger new-module ");
        Path bin = AuthorTools.bin(dir.resolve("bin"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.deleteIfExists(DEMO);
        Path log = dir.resolve("walk.log");
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euxo pipefail\n" + String.join("", blocks))
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
            pb.environment().put("HOME", home.toString());
            Process p = pb.start();
            assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(log);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0").contains("BUILD SUCCESS")
                    .contains("conf_line");
            // check mode, apply, apply again: what each play's recap says of localhost
            List<String> changed = new ArrayList<>();
            Matcher m = Pattern.compile("(?m)^localhost\\s+: ok=\\d+\\s+changed=(\\d+)").matcher(out);
            while (m.find()) changed.add(m.group(1));
            assertThat(changed).as(out).containsExactly("1", "1", "0");
            assertThat(Files.readString(DEMO)).isEqualTo("Written by Rigger's conf_line module\n");
        } finally {
            Files.deleteIfExists(DEMO);
        }
    }
}
