package dev.rigger.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Nothing an expression does, at load or at run time, runs unbounded in time or memory. */
class ExpressionLimitsTest {
    private static final Location AT = new Location("limits.yml", 1, 1);
    private final ExpressionCompiler ec = new ExpressionCompiler(Set.of("name"));

    private static Duration timed(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aConstantCatastrophicRegex_loadsAndRunsInLinearTime() {
        String source = "'" + "a".repeat(5000) + "!' is regex('(.*a){15}$')";
        Duration took = timed(() -> {
            Optional<Expression> e = ec.compile(source, AT, new Diagnostics());
            assertThat(e).isPresent();
            assertThat(e.get().test(Map.of())).isFalse();
        });
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aBacktrackingRegex_againstAVariable_isLinearToo() {
        Expression e = ec.compile("name is match('(a+)+$')", AT, new Diagnostics()).orElseThrow();
        Duration took = timed(() -> assertThat(e.test(Map.of("name", "a".repeat(100_000) + "b"))).isFalse());
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void regexFeaturesWithoutALinearAlgorithm_areRefusedAtLoad() {
        Diagnostics diags = new Diagnostics();
        assertThat(ec.compile("name | regex_replace('(a)\\\\1', 'x')", AT, diags)).isEmpty();
        assertThat(diags.list()).singleElement().satisfies(d -> assertThat(d.message()).containsIgnoringCase("backreference"));
        diags = new Diagnostics();
        assertThat(ec.compile("name is search('a(?=b)')", AT, diags)).isEmpty();
        assertThat(diags.list()).singleElement().satisfies(d -> assertThat(d.message()).containsIgnoringCase("lookahead"));
    }

    @Test
    void aStringThatGrowsGeometrically_isStoppedBeforeTheHeap() {
        String chain = "name" + " | replace('a', 'aaaaaaaaaaaaaaaa')".repeat(8);
        Expression e = ec.compile(chain, AT, new Diagnostics()).orElseThrow();
        Duration took = timed(() -> assertThatThrownBy(() -> e.evaluate(Map.of("name", "a")))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("larger than"));
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThatThrownBy(() -> ec.compile("'ab' * 1000000000", AT, new Diagnostics()).orElseThrow().evaluate(Map.of()))
                .hasMessageContaining("larger than");
        assertThatThrownBy(() -> ec.compile("range(1000000000) | list", AT, new Diagnostics()).orElseThrow().evaluate(Map.of()))
                .isInstanceOf(ExpressionException.class);
    }

    @Test
    void nestedLoops_stopAtTheDeadline() {
        Template t = ec.templateFile("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                AT, new Diagnostics()).orElseThrow();
        Duration took = timed(() -> assertThatThrownBy(() -> t.render(Map.of()))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("was stopped"));
        assertThat(took).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void deepNesting_isASyntaxErrorNotAStackOverflow() {
        Diagnostics diags = new Diagnostics();
        ec.compile("(".repeat(100_000) + "1" + ")".repeat(100_000), AT, diags);
        assertThat(diags.hasErrors()).isTrue();
        diags = new Diagnostics();
        ec.compile("[".repeat(100_000), AT, diags);
        assertThat(diags.hasErrors()).isTrue();
        diags = new Diagnostics();
        ec.compile("not ".repeat(100_000) + "1", AT, diags);
        assertThat(diags.hasErrors()).isTrue();
    }
}
