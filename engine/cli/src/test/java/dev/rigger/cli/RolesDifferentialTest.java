package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One small role set (roles-differential/: a dependency, defaults, vars, params, handlers, files
 * and templates in the role and beside the playbook, import_role, include_role with apply,
 * import_tasks with vars, when and tags) run by ansible-playbook and by rigger play on this
 * machine: the same files with the same bytes, and the same changed count, with and without
 * {@code --tags}. Skipped where ansible-playbook is not installed.
 */
class RolesDifferentialTest {
    private static final Path ANSIBLE = Path.of("/usr/bin/ansible-playbook");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", "app", "inc", "more"})
    void roleSet_runsAsAnsibleRunsIt(String tags) throws Exception {
        assumeTrue(Files.isExecutable(ANSIBLE), "ansible-playbook is not installed");
        Path site = resource("roles-differential/site.yml");
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
        Path ansibleOut = Files.createDirectories(dir.resolve("ansible"));
        Path riggerOut = Files.createDirectories(dir.resolve("rigger"));

        List<String> cmd = new ArrayList<>(List.of(ANSIBLE.toString(), "-i", inv.toString(), site.toString(), "-e", "out=" + ansibleOut));
        if (!tags.isEmpty()) cmd.addAll(List.of("--tags", tags));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        pb.environment().put("ANSIBLE_LOCAL_TEMP", Files.createDirectories(dir.resolve("tmp")).toString());
        Process p = pb.start();
        String ansible = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(ansible).isZero();

        List<String> args = new ArrayList<>(List.of("play", "-i", inv.toString(), site.toString(), "-e", "out=" + riggerOut));
        if (!tags.isEmpty()) args.addAll(List.of("--tags", tags));
        Cli.Result rigger = Cli.run(args.toArray(String[]::new));
        assertThat(rigger.exitCode()).as(rigger.all()).isZero();

        assertThat(files(riggerOut)).isEqualTo(files(ansibleOut)).isNotEmpty();
        assertThat(changed(rigger.all())).as(rigger.all()).isEqualTo(changed(ansible));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RolesDifferentialTest.class.getResource(name).toURI());
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) out.put(root.relativize(f).toString(), Files.readString(f));
        }
        return out;
    }

    private static int changed(String recap) {
        Matcher m = Pattern.compile("changed=(\\d+)").matcher(recap);
        if (!m.find()) throw new AssertionError("no recap in:\n" + recap);
        return Integer.parseInt(m.group(1));
    }
}
