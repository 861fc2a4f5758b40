package dev.rigger.testkit;

import dev.rigger.spi.Module;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a module on a real host through the {@code rigger} command, so that what a test sees is
 * what a playbook does (binding, probes, sudo, steps), with the testkit needing nothing but the
 * SPI. The command is the system property {@code rigger.cli}, else the environment variable
 * {@code RIGGER_CLI}, else {@code rigger} on the PATH. The module's classes (a folder such as
 * {@code target/classes}, or a jar) are given with {@code --modules}.
 */
final class RiggerCli {
    private final String command;

    private RiggerCli(String command) {
        this.command = command;
    }

    static RiggerCli find() {
        String c = System.getProperty("rigger.cli");
        if (c == null || c.isBlank()) c = System.getenv("RIGGER_CLI");
        return new RiggerCli(c == null || c.isBlank() ? "rigger" : c);
    }

    /** One play of one task: {@code module} with {@code params} on {@code target}, with {@code options} such as --check. */
    PlayRun play(Module module, Map<String, Object> params, Target target, String... options) {
        try {
            Path dir = Files.createTempDirectory("rigger-testkit");
            Path playbook = Files.writeString(dir.resolve("playbook.yml"), "- hosts: all\n  tasks:\n    - name: " + module.name()
                    + " under test\n      " + module.name() + ": " + Json.of(params) + "\n");
            Path inventory = target.inventory() != null ? target.inventory()
                    : Files.writeString(dir.resolve("local.ini"), target.host() + " ansible_connection=local\n");
            List<String> argv = new ArrayList<>(List.of(command, "play", "-i", inventory.toString(), "--limit", target.host(),
                    "--modules", jar(module.getClass(), dir).toString()));
            argv.addAll(List.of(options));
            argv.add(playbook.toString());
            Path errFile = dir.resolve("stderr.txt");
            Process p = new ProcessBuilder(argv).redirectError(errFile.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            String errText = Files.readString(errFile);
            return new PlayRun(String.join(" ", argv), code, out, errText, changed(out, target.host()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + " (set -Drigger.cli or RIGGER_CLI to the rigger command)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The host's changed count from the recap line ({@code host : ok=1 changed=0 ...}), -1 when absent. */
    private static int changed(String out, String host) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(host) + "\\s+: ok=\\d+\\s+changed=(\\d+)").matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The jar the module's class came from, or one made from its classes folder. */
    private static Path jar(Class<?> type, Path dir) throws IOException {
        Path from;
        try {
            from = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
        }
        if (Files.isRegularFile(from)) return from;
        Path jar = dir.resolve("module-under-test.jar");
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o); Stream<Path> s = Files.walk(from)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(from.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
            }
        }
        return jar;
    }
}
