package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Module jars given with --modules: a good one is listed and callable; a broken one (not a jar,
 * a class that throws in its constructor, a duplicate name) is one warning naming the jar when
 * the playbook does not use it, and one error with exit code 4 when it does.
 */
class ModuleJarsTest {
    @TempDir
    Path dir;
    private Path inventory;

    @BeforeEach
    void inventory() throws IOException {
        inventory = dir.resolve("inv.ini");
        Files.writeString(inventory, "me ansible_connection=local\n");
    }

    private static String module(String pkg, String cls, String name, String constructorBody) {
        return "package " + pkg + ";\n"
                + "import dev.rigger.spi.*; import dev.rigger.spi.Module; import java.util.List;\n"
                + "public final class " + cls + " implements Module {\n"
                + "  public " + cls + "() { " + constructorBody + " }\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public String summary() { return \"test module " + name + "\"; }\n"
                + "  public ParamSpec spec() { return ParamSpec.builder().add(Param.string(\"path\").required()).build(); }\n"
                + "  public Change plan(Params p, Host h) {\n"
                + "    if (h.stat(p.string(\"path\")).exists()) return Change.none();\n"
                + "    return Change.of(List.of(Diff.create(p.string(\"path\"), \"\")), List.of(Step.WriteFile.of(p.string(\"path\"), new byte[0], 0600)));\n"
                + "  }\n}\n";
    }

    /** Compiles one module class against the SPI and packs it with its services file. */
    private Path jar(String jarName, String pkg, String cls, String source) throws IOException {
        Path src = dir.resolve("src-" + jarName).resolve(pkg.replace('.', '/'));
        Files.createDirectories(src);
        Files.writeString(src.resolve(cls + ".java"), source);
        Path classes = dir.resolve("classes-" + jarName);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                src.resolve(cls + ".java").toString());
        assertThat(rc).isZero();
        Path jar = dir.resolve(jarName);
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o); Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(p).toString()));
                j.write(Files.readAllBytes(p));
            }
            j.putNextEntry(new JarEntry("META-INF/services/dev.rigger.spi.Module"));
            j.write((pkg + "." + cls + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private Cli.Result play(Path modules, String moduleName) throws IOException {
        Path pb = dir.resolve("pb.yml");
        String extra = moduleName.equals("file") ? ", state: touch" : "";
        String args = moduleName.equals("command") ? "\"true\"" : "{path: " + dir.resolve("made") + extra + "}";
        Files.writeString(pb, "- hosts: all\n  tasks:\n    - " + moduleName + ": " + args + "\n");
        return Cli.run("play", "-i", inventory.toString(), "--modules", modules.toString(), pb.toString());
    }

    @Test
    void goodJar_isListedWithItsOrigin_andRuns() throws IOException {
        Path jar = jar("good.jar", "com.example", "Marker", module("com.example", "Marker", "marker", ""));
        Cli.Result list = Cli.run("modules", "--modules", jar.toString());
        assertThat(list.out()).containsPattern("marker +" + java.util.regex.Pattern.quote(jar.toString()) + " +unversioned +test module marker");
        Cli.Result r = play(jar, "marker");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(dir.resolve("made")).exists();
        assertThat(Cli.run("doc", "--modules", jar.toString(), "marker").out()).contains("| path | string | yes |");
    }

    @Test
    void notAJar_warnsWhenUnused_failsWhenUsed() throws IOException {
        Path bad = dir.resolve("bad.jar");
        Files.writeString(bad, "this is not a zip file");
        Cli.Result unused = play(bad, "file");
        assertThat(unused.exitCode()).as(unused.all()).isZero();
        assertThat(unused.err().lines().filter(l -> l.contains("bad.jar")).toList()).singleElement()
                .satisfies(l -> assertThat(l).contains("warning: not a jar file"));
        Cli.Result used = play(bad, "marker");
        assertThat(used.exitCode()).isEqualTo(4);
        assertThat(used.err()).contains("error: unknown module 'marker'");
    }

    @Test
    void throwingConstructor_warnsNamingTheJar_failsOnlyWhenUsed() throws IOException {
        Path jar = jar("throws.jar", "com.example", "Broken", module("com.example", "Broken", "broken", "if (true) throw new IllegalStateException(\"boom\");"));
        Cli.Result unused = play(jar, "file");
        assertThat(unused.exitCode()).as(unused.all()).isZero();
        List<String> lines = unused.err().lines().filter(l -> l.contains("throws.jar")).toList();
        assertThat(lines).singleElement().satisfies(l -> assertThat(l).contains("warning: cannot load a module").contains("boom"));
        Cli.Result used = play(jar, "broken");
        assertThat(used.exitCode()).isEqualTo(4);
        assertThat(used.err()).contains("unknown module 'broken'");
    }

    @Test
    void nameOfABuiltIn_refusesTheJarsModule_theBuiltInKeepsWorking() throws IOException {
        Path jar = jar("dup.jar", "com.example", "Dup", module("com.example", "Dup", "file", ""));
        Cli.Result r = play(jar, "file");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(dir.resolve("made")).exists();
        assertThat(r.err().lines().filter(l -> l.contains("dup.jar")).toList()).singleElement()
                .satisfies(l -> assertThat(l).contains("warning: module 'file' is not loaded: a built-in module has that name"));
        assertThat(Cli.run("modules", "--modules", jar.toString()).out()).containsPattern("(?m)^file +built-in ");
    }

    @Test
    void twoJarsOfOneName_makeTheNameUnusable_withTheReason() throws IOException {
        Path a = jar("a.jar", "com.example", "A", module("com.example", "A", "marker", ""));
        Path b = jar("b.jar", "org.example", "B", module("org.example", "B", "marker", ""));
        Path both = Files.createDirectories(dir.resolve("both"));
        Files.copy(a, both.resolve("a.jar"));
        Files.copy(b, both.resolve("b.jar"));
        Cli.Result used = play(both, "marker");
        assertThat(used.exitCode()).isEqualTo(4);
        assertThat(used.err().lines().filter(l -> l.contains("error:")).toList()).singleElement()
                .satisfies(l -> assertThat(l).contains("module 'marker' cannot be used").contains("b.jar").contains("duplicates the one from"));
    }

    /** The author's loop: the jar in modules/ beside the playbook and given with --modules too. */
    @Test
    void sameJarReachedTwice_isLoadedOnce() throws IOException {
        Path jar = jar("good.jar", "com.example", "Marker", module("com.example", "Marker", "marker", ""));
        Path book = Files.createDirectories(dir.resolve("book"));
        Files.copy(jar, Files.createDirectories(book.resolve("modules")).resolve("marker-1.0.jar"));
        Path pb = Files.writeString(book.resolve("pb.yml"), "- hosts: all\n  tasks:\n    - marker: {path: " + dir.resolve("made") + "}\n");
        Cli.Result r = Cli.run("play", "-i", inventory.toString(), "--modules", jar.toString(), pb.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        assertThat(dir.resolve("made")).exists();
    }

    @Test
    void modulesAndDoc_seeThePlaybooksModulesFolder_withPlaybookDir() throws IOException {
        Path jar = jar("good.jar", "com.example", "Marker", module("com.example", "Marker", "marker", ""));
        Path book = Files.createDirectories(dir.resolve("book"));
        Files.copy(jar, Files.createDirectories(book.resolve("modules")).resolve("marker-1.0.jar"));
        Path pb = Files.writeString(book.resolve("pb.yml"), "- hosts: all\n  tasks: []\n");
        assertThat(Cli.run("doc", "marker").exitCode()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(Cli.run("doc", "--playbook-dir", book.toString(), "marker").out()).contains("| path | string | yes |");
        assertThat(Cli.run("doc", "--playbook-dir", pb.toString(), "marker").out()).contains("| path | string | yes |");
        assertThat(Cli.run("modules", "--playbook-dir", book.toString()).out()).containsPattern("(?m)^marker +\\S*marker-1.0.jar ");
    }

    /** A module's own bug: plan throws a ClassCastException, firstProbes a NullPointerException. */
    private static String crashing(String cls, String name, String firstProbesBody, String planBody) {
        return "package com.example;\n"
                + "import dev.rigger.spi.*; import dev.rigger.spi.Module; import java.util.List;\n"
                + "public final class " + cls + " implements Module {\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public String summary() { return \"crashes\"; }\n"
                + "  public ParamSpec spec() { return ParamSpec.builder().add(Param.string(\"path\").required()).build(); }\n"
                + "  public List<Probe> firstProbes(Params p) { " + firstProbesBody + " }\n"
                + "  public Change plan(Params p, Host h) { " + planBody + " }\n}\n";
    }

    @Test
    void moduleThatThrows_isNamedWithItsTaskAndLine_andItsStackTraceWithV() throws IOException {
        Path jar = jar("crash.jar", "com.example", "Crash", crashing("Crash", "crash", "return List.of();",
                "Object n = Integer.valueOf(7);\n    return Change.of(List.of(Diff.create((String) n, \"\")), List.of());"));
        Path pb = Files.writeString(dir.resolve("crash.yml"), "- hosts: all\n  tasks:\n    - name: set the marker\n      crash: {path: /tmp/x}\n");
        Cli.Result r = Cli.run("play", "-i", inventory.toString(), "--modules", jar.toString(), pb.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).contains("module 'crash' crashed in plan() of task 'set the marker' at " + pb + ":3:")
                .contains("java.lang.ClassCastException: class java.lang.Integer cannot be cast to class java.lang.String")
                .contains("(at com.example.Crash.plan(Crash.java:9))")
                .contains("-v shows the stack trace")
                .doesNotContain("internal error");
        assertThat(r.err()).doesNotContain("com.example.Crash.plan");
        Cli.Result v = Cli.run("play", "-v", "-i", inventory.toString(), "--modules", jar.toString(), pb.toString());
        assertThat(v.exitCode()).as(v.all()).isEqualTo(2);
        assertThat(v.err()).containsPattern("\tat \\S*com\\.example\\.Crash\\.plan\\(Crash\\.java:9\\)");
        assertThat(v.out()).doesNotContain("-v shows the stack trace");
    }

    @Test
    void firstProbesThatThrows_isTheModulesCrash_notSilentlyNoPrefetch() throws IOException {
        Path jar = jar("crash2.jar", "com.example", "Crash2", crashing("Crash2", "crash2",
                "String s = null; return List.of(new Probe.Stat(s.trim()));", "return Change.none();"));
        Path pb = Files.writeString(dir.resolve("crash2.yml"), "- hosts: all\n  tasks:\n    - name: probe first\n      crash2: {path: /tmp/x}\n");
        Cli.Result r = Cli.run("play", "--check", "-i", inventory.toString(), "--modules", jar.toString(), pb.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).contains("module 'crash2' crashed in firstProbes() of task 'probe first' at " + pb + ":3:")
                .contains("java.lang.NullPointerException");
    }

    /** mvn package left the jar in target/; the playbook does not name it: the error does. */
    @Test
    void unknownModule_thatANearbyJarDeclares_namesTheJar() throws IOException {
        Path jar = jar("conf-line-1.0.jar", "com.example", "ConfLine", module("com.example", "ConfLine", "conf_line", ""));
        Path target = Files.createDirectories(dir.resolve("conf-line/target"));
        Files.move(jar, target.resolve("conf-line-1.0.jar"));
        Path pb = Files.writeString(dir.resolve("site.yml"), "- hosts: all\n  tasks:\n    - conf_line: {path: /tmp/x}\n");
        Cli.Result r = Cli.run("play", "-i", inventory.toString(), pb.toString());
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("site.yml:3:7: error: unknown module 'conf_line': the jar " + target.resolve("conf-line-1.0.jar")
                + " declares it").contains("pass --modules");
        Cli.Result typo = Cli.run("play", "-i", inventory.toString(), Files.writeString(pb, "- hosts: all\n  tasks:\n    - confline: {}\n").toString());
        assertThat(typo.err()).contains("unknown module 'confline'").doesNotContain("declares it");
    }
}
