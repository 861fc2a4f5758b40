package dev.rigger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rigger new-module NAME}: a complete module project to start from, built offline with
 * what Rigger's build installed: a pom with every plugin pinned (the build fails when no test
 * ran), a module class, its services line, a testkit test and a playbook.
 */
@Command(name = "new-module", mixinStandardHelpOptions = true,
        description = "Create a module project: pinned pom, module class, services file, testkit test, playbook.")
final class NewModuleCommand implements Callable<Integer> {
    private static final String TEMPLATES = "/dev/rigger/cli/new-module/";

    @Parameters(paramLabel = "NAME", description = "The module's name as playbooks call it: lower-case letters, digits and '_' (e.g. conf_line).")
    String name;

    @Option(names = "--package", paramLabel = "PKG", description = "The Java package (default: com.example.rigger.NAME without '_').")
    String pkg;

    @Option(names = "--group-id", paramLabel = "GROUP", description = "The Maven groupId (default: com.example.rigger).")
    String groupId = "com.example.rigger";

    @Option(names = "--summary", paramLabel = "TEXT", description = "One line saying what the module manages (the pom's description and the module's summary).")
    String summary;

    @Option(names = {"-o", "--dir"}, paramLabel = "DIR", description = "Where to create the project (default: ./NAME with '-' for '_'); it must not exist or be empty.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            System.err.println("rigger: a module name is lower-case letters, digits and '_', starting with a letter: '" + name + "'");
            return ExitCodes.BAD_OPTIONS;
        }
        String p = pkg != null ? pkg : "com.example.rigger." + name.replace("_", "");
        if (!p.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*")) {
            System.err.println("rigger: not a Java package name: '" + p + "'");
            return ExitCodes.BAD_OPTIONS;
        }
        Path root = dir != null ? dir : Path.of(name.replace('_', '-'));
        if (Files.exists(root) && (!Files.isDirectory(root) || Files.list(root).findAny().isPresent())) {
            System.err.println("rigger: " + root + " exists and is not an empty folder");
            return ExitCodes.BAD_OPTIONS;
        }
        for (Map.Entry<String, String> f : files(p).entrySet()) {
            Path target = root.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, fill(f.getValue(), p));
            System.out.println("created " + target);
        }
        System.out.println("next: cd " + root + " && mvn package   (tests run; target/" + artifactId() + "-1.0.0.jar)");
        return ExitCodes.OK;
    }

    /** Each file of the project (path in the project: template). */
    private Map<String, String> files(String p) {
        String src = p.replace('.', '/') + "/";
        Map<String, String> f = new LinkedHashMap<>();
        f.put("pom.xml", "pom.xml.tmpl");
        f.put("src/main/java/" + src + className() + ".java", "Module.java.tmpl");
        f.put("src/main/resources/META-INF/services/dev.rigger.spi.Module", "services.tmpl");
        f.put("src/test/java/" + src + className() + "Test.java", "ModuleTest.java.tmpl");
        f.put("playbook.yml", "playbook.yml.tmpl");
        return f;
    }

    private String fill(String template, String p) {
        return template(template)
                .replace("__groupId__", groupId)
                .replace("__artifactId__", artifactId())
                .replace("__riggerVersion__", template("rigger.version").strip())
                .replace("__summary__", summary != null ? summary : "Rigger module " + name + ": a file with the given content and mode.")
                .replace("__package__", p)
                .replace("__Class__", className())
                .replace("__name__", name);
    }

    /** {@code conf_line}: {@code ConfLineModule}. */
    String className() {
        StringBuilder b = new StringBuilder();
        for (String part : name.split("_")) if (!part.isEmpty()) b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        return b.append("Module").toString();
    }

    /** {@code conf_line}: {@code rigger-conf-line}. */
    String artifactId() {
        return "rigger-" + name.replace('_', '-');
    }

    private static String template(String file) {
        try (InputStream in = NewModuleCommand.class.getResourceAsStream(TEMPLATES + file)) {
            if (in == null) throw new IllegalStateException("template missing from the jar: " + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
