package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import dev.rigger.spi.Module;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.PlayRun;
import dev.rigger.testkit.Target;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module author's path, offline: {@code rigger new-module} writes a project; Maven builds it
 * with {@code -o} against the local repository Rigger's build installed into (its tests run, and
 * the build fails when one is broken or none is left); the jar goes into {@code rigger play} on a
 * lab host: check, apply, apply again with {@code changed=0}; and the testkit's {@code converge}
 * does the same cycle through the rigger command.
 */
@LabTest
class NewModuleLabTest {
    private static final String HOST = "node73";
    @TempDir
    Path dir;
    private final Lab lab = Lab.get();
    private Path tools;

    @Test
    void generatedModule_buildsOffline_testsRunAndFail_andConvergesOnALabHost() throws Exception {
        tools = AuthorTools.bin(dir.resolve("bin"));
        Path project = dir.resolve("motd");
        Cli.Result made = Cli.run("new-module", "motd_file", "--dir", project.toString());
        assertThat(made.exitCode()).as(made.all()).isZero();

        Mvn ok = mvn(project, "package");
        assertThat(ok.exitCode()).as(ok.log()).isZero();
        assertThat(ok.log()).containsPattern("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0");
        Path jar = project.resolve("target/rigger-motd-file-1.0.0.jar");
        assertThat(jar).exists();

        lab.atLeast(Integer.parseInt(HOST.replaceAll("\\D", "")));   // CI's lab starts with 3 hosts
        lab.reset(HOST);
        try {
            Path inv = lab.inventory(dir, HOST);
            Path playbook = project.resolve("playbook.yml");
            Cli.Result check = Cli.run("play", "-i", inv.toString(), "--modules", jar.toString(), playbook.toString(), "--check", "--diff");
            assertThat(check.exitCode()).as(check.all()).isZero();
            assertThat(check.out()).contains("changed   " + HOST).contains("+Written by Rigger's motd_file module");
            assertThat(lab.sh(HOST, "ls /tmp")).doesNotContain("rigger-motd_file.txt");
            assertThat(changed(inv, jar, playbook)).isEqualTo(1);
            assertThat(lab.sh(HOST, "cat /tmp/rigger-motd_file.txt")).isEqualTo("Written by Rigger's motd_file module\n");
            assertThat(changed(inv, jar, playbook)).isZero();

            // the testkit's cycle on the same host, through the rigger command, with another content
            Module m = load(jar);
            System.setProperty("rigger.cli", tools.resolve("rigger").toString());
            List<PlayRun> runs = ModuleTester.of(m).converge(Map.of("path", "/etc/motd", "content", "by the testkit\n", "mode", "0600"),
                    Target.of(inv, HOST));
            assertThat(runs.get(0).changed()).as(runs.get(0).transcript()).isEqualTo(1);
            assertThat(runs.get(2).changed()).isZero();
            assertThat(lab.sh(HOST, "stat -c %a /etc/motd; cat /etc/motd")).isEqualTo("600\nby the testkit\n");
        } finally {
            lab.reset(HOST);
        }

        // a broken test fails the build; so does a project whose tests are all gone
        Path test = project.resolve("src/test/java/com/example/rigger/motdfile/MotdFileModuleTest.java");
        String source = Files.readString(test);
        Files.writeString(test, source.replace("isEqualTo(\"hello\\n\")", "isEqualTo(\"goodbye\\n\")"));
        Mvn broken = mvn(project, "package");
        assertThat(broken.exitCode()).as(broken.log()).isNotZero();
        assertThat(broken.log()).contains("applied_convergesAndIsIdempotent_keepingTheOwner").contains("goodbye");
        Files.delete(test);
        Mvn none = mvn(project, "package");
        assertThat(none.exitCode()).as(none.log()).isNotZero();
        assertThat(none.log()).contains("No tests");
    }

    private int changed(Path inv, Path jar, Path playbook) throws IOException {
        Path json = dir.resolve("r" + System.nanoTime() + ".json");
        Cli.Result r = Cli.run("play", "-i", inv.toString(), "--modules", jar.toString(), playbook.toString(), "--report-json", json.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        return report.at("/hosts/" + HOST + "/changed").asInt();
    }

    /** The module as the engine loads it: through the jar's services file, in a loader of its own. */
    private static Module load(Path jar) throws IOException {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, Module.class.getClassLoader());
        for (Module m : ServiceLoader.load(Module.class, loader)) if (m.getClass().getClassLoader() == loader) return m;
        throw new AssertionError("no module in " + jar);
    }

    record Mvn(int exitCode, String log) { }

    /** {@code mvn GOAL} in {@code project}, offline against Rigger's local repository ({@link AuthorTools}). */
    private Mvn mvn(Path project, String goal) throws Exception {
        Path log = dir.resolve("mvn" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(tools.resolve("mvn").toString(), "-f", project.resolve("pom.xml").toString(), goal)
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        return new Mvn(p.exitValue(), Files.readString(log));
    }
}
