package dev.rigger.engine.expr.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.ExpressionCompiler;
import dev.rigger.engine.expr.ExpressionException;
import dev.rigger.engine.expr.UnknownValueException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the expression front end (Jazzer): any text, as a condition, a
 * task value and a template file, is refused with a located diagnostic or evaluates to plain
 * data; it never throws anything but our own errors, and the canary file never appears.
 * Without JAZZER_FUZZ it replays the seeds in its resources folder (a regression test); with
 * JAZZER_FUZZ=1 it fuzzes for two minutes ({@code ./test} does, see docs/reliability.md).
 */
class ExpressionFuzzTest {
    static final Path CANARY = Path.of(System.getProperty("java.io.tmpdir"), "rigger-expr-fuzz-canary");
    private static final Location AT = new Location("fuzz.yml", 1, 1);
    private static final Map<String, Object> SCOPE = Map.of(
            "s", "text", "n", 42, "l", List.of("a", "b", Map.of("k", "v")), "m", Map.of("k", "v", "n", 1),
            "r", Map.of("stdout", "touch " + CANARY, "rc", 0, "changed", true), "b", true);
    private static final ExpressionCompiler EC = new ExpressionCompiler(SCOPE.keySet());

    @FuzzTest(maxDuration = "120s")
    void anyText_isRefusedOrPlainData(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString().replace("%C", CANARY.toString());
        Diagnostics diags = new Diagnostics();
        EC.compile(text, AT, diags).ifPresent(e -> check(() -> e.evaluate(SCOPE)));
        EC.template(text, AT, diags).ifPresent(t -> check(() -> t.render(SCOPE)));
        EC.templateFile(text, AT, diags).ifPresent(t -> check(() -> t.render(SCOPE)));
        diags.list().forEach(d -> assertThat(d.location().file()).isEqualTo("fuzz.yml"));
        if (Files.exists(CANARY)) throw new AssertionError("canary file created by: " + text);
    }

    private static void check(java.util.function.Supplier<Object> run) {
        Object v;
        try {
            v = run.get();
        } catch (ExpressionException | UnknownValueException e) {
            return;
        }
        plain(v);
    }

    private static void plain(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) return;
        if (v instanceof Map<?, ?> m) {
            m.keySet().forEach(ExpressionFuzzTest::plain);
            m.values().forEach(ExpressionFuzzTest::plain);
        } else if (v instanceof Collection<?> c) {
            c.forEach(ExpressionFuzzTest::plain);
        } else {
            throw new AssertionError("an expression produced a " + v.getClass().getName());
        }
    }
}
