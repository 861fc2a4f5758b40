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
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How often the engine calls a module's plan: once to plan, and once more to prove convergence
 * after a change was applied, never more; and a template is rendered once per task.
 */
class PlanCountTest {
    @TempDir
    Path dir;

    private final AtomicInteger plans = new AtomicInteger();
    private final AtomicInteger trips = new AtomicInteger();

    /** Writes its template, rendered, to {@code path}, counting its plans. */
    private final class Counted implements Module {
        @Override public String name() { return "counted"; }
        @Override public String summary() { return "test"; }
        @Override public ParamSpec spec() {
            return ParamSpec.builder().add(Param.string("path").required()).add(Param.string("src").required()).build();
        }
        @Override public List<Probe> firstProbes(Params p) {
            return List.of(new Probe.Read(p.string("path")));
        }
        @Override public Change plan(Params p, Host h) {
            plans.incrementAndGet();
            String want = p.template(p.string("src"));
            var cur = h.read(p.string("path"));
            if (cur.isPresent() && new String(cur.get()).equals(want)) return Change.none();
            return Change.of(List.of(Diff.update(p.string("path"), null, want)), List.of(Step.WriteFile.of(p.string("path"), want.getBytes(), null)));
        }
    }

    private RunResult run(String tasks, boolean check) throws Exception {
        Files.writeString(dir.resolve("inv.ini"), "me ansible_connection=local\n");
        Files.writeString(dir.resolve("pb.yml"), ("- hosts: all\n  tasks:\n" + tasks).replace("DIR", dir.toString()));
        Diagnostics d = new Diagnostics();
        CompiledRun run = new Compiler(ModuleRegistry.of(new Counted())).compile(
                List.of(new PlaybookLoader().load(dir.resolve("pb.yml"), d).orElseThrow()), Inventory.load(dir.resolve("inv.ini"), d),
                new CompileOptions(Map.of(), null, Set.of(), Set.of()), d).orElseThrow(() -> new AssertionError(d));
        plans.set(0);
        trips.set(0);
        return new Executor(h -> new CountingConnection(trips), new Masker()).run(run, RunOptions.defaults().withCheck(check), new RunListener() { });
    }

    @Test
    void changedTask_plansTwice_unchangedOnce_checkModeOnce() throws Exception {
        Files.writeString(dir.resolve("t.j2"), "rendered {{ inventory_hostname }}\n");
        String task = "    - counted: {path: DIR/out, src: t.j2}\n";

        RunResult checked = run(task, true);
        assertThat(checked.changedCount()).isEqualTo(1);
        assertThat(plans).as("plan() calls of a changed task in check mode").hasValue(1);

        RunResult applied = run(task, false);
        assertThat(applied.changedCount()).isEqualTo(1);
        assertThat(plans).as("plan() calls of a changed task: plan, then prove it converged").hasValue(2);
        assertThat(Files.readString(dir.resolve("out"))).isEqualTo("rendered me\n");

        RunResult again = run(task, false);
        assertThat(again.changedCount()).isZero();
        assertThat(plans).as("plan() calls of an unchanged task").hasValue(1);
        assertThat(trips).as("its first probe was fetched ahead").hasValue(1);
    }

    @Test
    void loop_plansEachItemOnce_orTwiceWhenChanged() throws Exception {
        Files.writeString(dir.resolve("t.j2"), "{{ item }}\n");
        Files.writeString(dir.resolve("a"), "a\n");
        RunResult r = run("    - counted: {path: \"DIR/{{ item }}\", src: t.j2}\n      loop: [a, b]\n", false);
        assertThat(r.changedCount()).isEqualTo(1);
        assertThat(plans).as("a unchanged: 1; b changed: 2").hasValue(3);
    }

    @Test
    void template_isRenderedOncePerTask_forItsDeclarationAndBothPlans() throws Exception {
        Path t = Files.writeString(dir.resolve("t.j2"), "once\n");
        BoundParams p = new BoundParams(Map.of(), List.of(dir), Map.of());
        assertThat(p.template("t.j2")).isEqualTo("once\n");
        Files.writeString(t, "twice\n");
        assertThat(p.template("t.j2")).isEqualTo("once\n");
        Files.writeString(dir.resolve("f"), "local");
        byte[] first = p.localFile("f");
        first[0] = 'X';
        Files.delete(dir.resolve("f"));
        assertThat(new String(p.localFile("f"))).isEqualTo("local");
    }
}
