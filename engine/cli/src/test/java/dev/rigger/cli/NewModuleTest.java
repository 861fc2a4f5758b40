package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rigger new-module}: what it writes, what it refuses, and that the example project is what it writes. */
class NewModuleTest {
    @TempDir
    Path dir;

    @Test
    void writesAPinnedProject_withModuleServicesTestAndPlaybook() throws IOException {
        Path p = dir.resolve("conf");
        Cli.Result r = Cli.run("new-module", "conf_line", "--dir", p.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(Files.readString(p.resolve("src/main/resources/META-INF/services/dev.rigger.spi.Module")))
                .isEqualTo("com.example.rigger.confline.ConfLineModule\n");
        assertThat(Files.readString(p.resolve("src/main/java/com/example/rigger/confline/ConfLineModule.java")))
                .contains("return \"conf_line\";").doesNotContain("__");
        assertThat(p.resolve("src/test/java/com/example/rigger/confline/ConfLineModuleTest.java")).exists();
        String pom = Files.readString(p.resolve("pom.xml"));
        assertThat(pom).contains("<artifactId>rigger-conf-line</artifactId>").contains("<failIfNoTests>true</failIfNoTests>")
                .doesNotContain("__").doesNotContain("${project.version}");
        // every plugin pinned: no <plugin> without its <version>
        assertThat(pom.lines().filter(l -> l.contains("<plugin>") && !l.contains("<version>")).toList()).isEmpty();
        assertThat(Files.readString(p.resolve("playbook.yml"))).contains("conf_line:");
    }

    @Test
    void refusesABadName_andAFolderInUse() throws IOException {
        assertThat(Cli.run("new-module", "Conf-Line", "--dir", dir.resolve("x").toString()).exitCode()).isEqualTo(ExitCodes.BAD_OPTIONS);
        Files.writeString(dir.resolve("taken.txt"), "x");
        Cli.Result r = Cli.run("new-module", "conf_line", "--dir", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(r.err()).contains("exists and is not an empty folder");
    }

    /** The example project's pom and services line are what new-module writes for it: they stay in step. */
    @Test
    void exampleProject_isWhatNewModuleWrites() throws IOException {
        Path example = Path.of(System.getProperty("user.dir")).resolve("../../examples/custom-module").normalize();
        String description = Files.readString(example.resolve("pom.xml")).replaceAll("(?s).*<description>(.*?)</description>.*", "$1");
        Path p = dir.resolve("ak");
        Cli.Result r = Cli.run("new-module", "ssh_key", "--package", "com.example.rigger.sshkey",
                "--summary", description, "--dir", p.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(Files.readString(example.resolve("pom.xml"))).isEqualTo(Files.readString(p.resolve("pom.xml")));
        String services = "src/main/resources/META-INF/services/dev.rigger.spi.Module";
        assertThat(Files.readString(example.resolve(services))).isEqualTo(Files.readString(p.resolve(services)));
    }
}
