package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.compile.CompileOptions;
import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.compile.Compiler;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.load.PlaybookLoader;
import dev.rigger.engine.module.ModuleRegistry;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.RunListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles run on this machine: variables in Ansible's documented precedence (role defaults &lt;
 * inventory &lt; play vars &lt; role vars &lt; task vars &lt; role params &lt; extra vars),
 * files looked up in the role first, and an include's tags selecting the include.
 */
class RolesRunTest {
    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text.replace("DIR", dir.toString()));
    }

    private void run(String playbook, Map<String, Object> extra, Set<String> tags) throws IOException {
        write("inv.ini", "me ansible_connection=local inv=inventory play=inventory\n");
        write("pb.yml", playbook);
        Diagnostics d = new Diagnostics();
        Inventory i = Inventory.load(dir.resolve("inv.ini"), d);
        var book = new PlaybookLoader().load(dir.resolve("pb.yml"), d).orElseThrow(() -> new AssertionError(d));
        CompiledRun run = new Compiler(ModuleRegistry.of(new LocalRunTest.EchoModule(), new FileEcho())).compile(List.of(book), i,
                new CompileOptions(extra, null, tags, Set.of()), d).orElseThrow(() -> new AssertionError(d));
        new Executor(h -> new CountingConnection(new java.util.concurrent.atomic.AtomicInteger()), new Masker())
                .run(run, RunOptions.defaults(), new RunListener() {
                    @Override public void taskFinished(dev.rigger.engine.report.TaskResult r) {
                        if (r.status() == dev.rigger.engine.report.Status.FAILED) throw new AssertionError(r.task() + ": " + r.message());
                    }
                });
    }

    /** Copies a local file ({@code src}, looked up as copy does) to {@code path}. */
    static final class FileEcho implements dev.rigger.spi.Module {
        @Override public String name() { return "file_echo"; }
        @Override public String summary() { return "test"; }
        @Override public dev.rigger.spi.ParamSpec spec() {
            return dev.rigger.spi.ParamSpec.builder().add(dev.rigger.spi.Param.string("path").required())
                    .add(dev.rigger.spi.Param.string("src").required()).build();
        }
        @Override public dev.rigger.spi.Change plan(dev.rigger.spi.Params p, dev.rigger.spi.Host h) {
            byte[] b = p.localFile(p.string("src"));
            var cur = h.read(p.string("path"));
            if (cur.isPresent() && java.util.Arrays.equals(cur.get(), b)) return dev.rigger.spi.Change.none(Map.of());
            return dev.rigger.spi.Change.of(List.of(dev.rigger.spi.Diff.create(p.string("path"), new String(b))),
                    List.of(dev.rigger.spi.Step.WriteFile.of(p.string("path"), b, null)));
        }
    }

    private String out(String name) throws IOException {
        return Files.readString(dir.resolve("out").resolve(name));
    }

    @Test
    void roleVariables_followAnsiblesPrecedence() throws IOException {
        Files.createDirectories(dir.resolve("out"));
        write("roles/r/defaults/main.yml", "inv: default\nonly_default: default\nplay: default\nrv: default\ntv: default\npar: default\nex: default\n");
        write("roles/r/vars/main.yml", "rv: role-vars\ntv: role-vars\n");
        write("roles/r/tasks/main.yml", """
                - echo: {path: DIR/out/only_default, value: "{{ only_default }}"}
                - echo: {path: DIR/out/inv, value: "{{ inv }}"}
                - echo: {path: DIR/out/play, value: "{{ play }}"}
                - echo: {path: DIR/out/rv, value: "{{ rv }}"}
                - echo: {path: DIR/out/tv, value: "{{ tv }}"}
                  vars: {tv: task, par: task}
                - echo: {path: DIR/out/par, value: "{{ par }}"}
                  vars: {par: task}
                - echo: {path: DIR/out/ex, value: "{{ ex }}"}
                """);
        run("""
                - hosts: all
                  vars: {play: play, rv: play}
                  roles:
                    - {role: r, par: param}
                  tasks:
                    - echo: {path: DIR/out/after, value: "{{ only_default }} {{ rv }}"}
                """, Map.of("ex", "extra"), Set.of());
        assertThat(out("only_default")).isEqualTo("default");
        assertThat(out("inv")).isEqualTo("inventory");
        assertThat(out("play")).isEqualTo("play");
        assertThat(out("rv")).isEqualTo("role-vars");
        assertThat(out("tv")).isEqualTo("task");
        assertThat(out("par")).isEqualTo("param");
        assertThat(out("ex")).isEqualTo("extra");
        // the play's own tasks see its roles' defaults and vars, as Ansible exposes them
        assertThat(out("after")).isEqualTo("default role-vars");
    }

    @Test
    void roleFiles_areLookedUpInTheRoleFirst_thenBesideThePlaybook() throws IOException {
        Files.createDirectories(dir.resolve("out"));
        write("roles/r/files/both.txt", "role");
        write("files/both.txt", "playbook");
        write("files/play-only.txt", "playbook");
        write("roles/r/tasks/main.yml", """
                - file_echo: {path: DIR/out/both, src: both.txt}
                - file_echo: {path: DIR/out/play-only, src: play-only.txt}
                """);
        run("- hosts: all\n  roles: [r]\n  tasks:\n    - file_echo: {path: DIR/out/outside, src: both.txt}\n", Map.of(), Set.of());
        assertThat(out("both")).isEqualTo("role");
        assertThat(out("play-only")).isEqualTo("playbook");
        assertThat(out("outside")).isEqualTo("playbook");
    }

    @Test
    void includeTags_selectTheInclude_soATaggedTaskInAnUntaggedIncludeDoesNotRun() throws IOException {
        Files.createDirectories(dir.resolve("out"));
        write("inc.yml", "- echo: {path: DIR/out/inner, value: x}\n  tags: [t]\n");
        run("""
                - hosts: all
                  tasks:
                    - include_tasks: inc.yml
                    - import_tasks: inc.yml
                      tags: [imported]
                """.replace("inc.yml\n    - import", "inc.yml\n    - import"), Map.of(), Set.of("t"));
        // only the imported copy ran: the include itself has no tag t, so Ansible skips it and all it holds
        assertThat(out("inner")).isEqualTo("x");
        assertThat(Files.list(dir.resolve("out")).count()).isEqualTo(1);
    }
}
