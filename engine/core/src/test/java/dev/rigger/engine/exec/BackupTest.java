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
import dev.rigger.engine.report.RunResult;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes with {@code backup: true} never overwrite an earlier copy (issue 20: two backing-up
 * writes within one second lost the original), and the copy's name is registered as
 * {@code backup_file}, as Ansible does.
 */
class BackupTest {
    @TempDir
    Path dir;

    /** Writes {@code value} to {@code path}, keeping a backup of the old file. */
    static final class PutModule implements Module {
        @Override public String name() { return "put"; }
        @Override public String summary() { return "test"; }
        @Override public ParamSpec spec() {
            return ParamSpec.builder().add(Param.string("path").required()).add(Param.string("value").required()).build();
        }
        @Override public Change plan(Params p, Host h) {
            var cur = h.read(p.string("path"));
            String want = p.string("value");
            if (cur.isPresent() && new String(cur.get(), StandardCharsets.UTF_8).equals(want)) return Change.none(Map.of());
            return Change.of(List.of(Diff.update(p.string("path"), cur.map(String::new).orElse(null), want)),
                    List.of(new Step.WriteFile(p.string("path"), want.getBytes(StandardCharsets.UTF_8), null, null, null, true, null)));
        }
    }

    @Test
    void twoBackingUpWritesInOneSecond_keepBothOldContents_andRegisterTheirNames() throws IOException {
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "me ansible_connection=local\n");
        Path pb = dir.resolve("pb.yml");
        Files.writeString(pb, """
                - hosts: all
                  tasks:
                    - put: {path: DIR/f, value: one}
                      register: r1
                    - put: {path: DIR/f, value: two}
                      register: r2
                    - put: {path: DIR/f, value: three}
                      register: r3
                    - put: {path: DIR/names, value: "{{ r1.backup_file | default('none') }}|{{ r2.backup_file }}|{{ r3.backup_file }}"}
                """.replace("DIR", dir.toString()));
        Diagnostics d = new Diagnostics();
        CompiledRun run = new Compiler(ModuleRegistry.of(new PutModule())).compile(
                List.of(new PlaybookLoader().load(pb, d).orElseThrow()), Inventory.load(inv, d),
                new CompileOptions(Map.of(), null, java.util.Set.of(), java.util.Set.of()), d).orElseThrow(() -> new AssertionError(d));
        RunResult r = new Executor(h -> new CountingConnection(new java.util.concurrent.atomic.AtomicInteger()), new Masker())
                .run(run, RunOptions.defaults(), new RunListener() { });

        assertThat(r.exitCode()).isZero();
        String[] names = Files.readString(dir.resolve("names")).split("\\|");
        assertThat(names[0]).isEqualTo("none"); // nothing to back up on creation
        assertThat(names[1]).isNotEqualTo(names[2]).matches(java.util.regex.Pattern.quote(dir.resolve("f").toString())
                + "\\.\\d+\\.\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d~");
        assertThat(Files.readString(Path.of(names[1]))).isEqualTo("one");
        assertThat(Files.readString(Path.of(names[2]))).isEqualTo("two");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("f.")).count()).isEqualTo(2);
        }
    }

    @Test
    void backup_withTheClockStopped_neverOverwritesAnEarlierCopy_andKeepsTheOriginalsMode() throws Exception {
        // a `date` that always answers the same second: the old PATH.DATE~ name collided every time
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path date = bin.resolve("date");
        Files.writeString(date, "#!/bin/sh\necho 2026-01-01@00:00:00\n");
        Files.setPosixFilePermissions(date, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path f = dir.resolve("secret.conf");
        Files.writeString(f, "v0");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        List<String> made = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Step.WriteFile w = new Step.WriteFile(f.toString(), ("v" + i).getBytes(StandardCharsets.UTF_8), null, null, null, true, null);
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", AtomicWrite.script(w));
            pb.environment().put("PATH", bin + ":/usr/bin:/bin");
            Process p = pb.start();
            p.getOutputStream().write(w.content());
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
            made.add(out);
        }
        assertThat(made).doesNotHaveDuplicates().allMatch(n -> n.startsWith(f + ".") && n.endsWith(".2026-01-01@00:00:00~"));
        for (int i = 0; i < 5; i++) {
            Path b = Path.of(made.get(i));
            assertThat(Files.readString(b)).isEqualTo("v" + i);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(b))).isEqualTo("rw-------");
        }
        assertThat(Files.readString(f)).isEqualTo("v5");
    }
}
