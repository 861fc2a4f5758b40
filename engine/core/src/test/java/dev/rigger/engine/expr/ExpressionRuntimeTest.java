package dev.rigger.engine.expr;

import static dev.rigger.engine.expr.Fixtures.AT;
import static dev.rigger.engine.expr.Fixtures.compile;
import static dev.rigger.engine.expr.Fixtures.scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.engine.diag.Diagnostics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpressionRuntimeTest {

    @Test
    void evaluate_rootMissingFromScope_isUndefinedVariable() {
        Map<String, Object> s = scope();
        s.remove("result");
        assertThatThrownBy(() -> compile("result.rc == 0").evaluate(s))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("undefined variable 'result'")
                .extracting(e -> ((ExpressionException) e).location()).isEqualTo(AT);
    }

    @Test
    void evaluate_missingKeyByDot_namesTheAttribute() {
        assertThatThrownBy(() -> compile("result.nope == 0").evaluate(scope()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("'result' has no 'nope'");
    }

    @Test
    void evaluate_missingKeyByIndex_namesTheAttribute() {
        assertThatThrownBy(() -> compile("vars['nope'] == 'x'").evaluate(scope()))
                .hasMessageStartingWith("'vars' has no 'nope'");
        assertThatThrownBy(() -> compile("hostvars['w1'].init.join_command").evaluate(scope()))
                .hasMessageStartingWith("'hostvars.w1' has no 'init'");
    }

    @Test
    void evaluate_missingKey_isAnErrorOnEveryEvaluationNotJustTheFirst() {
        Expression e = compile("item.name");
        for (int i = 0; i < 60; i++) assertThat(e.evaluate(scope())).isEqualTo("nginx");
        Map<String, Object> s = scope();
        s.put("item", Map.of("other", 1));
        assertThatThrownBy(() -> e.evaluate(s)).hasMessageStartingWith("'item' has no 'name'");
    }

    @Test
    void evaluate_listIndexOutOfRange_isAnError() {
        assertThatThrownBy(() -> compile("groups['workers'][5]").evaluate(scope()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("has no index 5");
    }

    @Test
    void evaluate_nestedIndex_resolvesHostFromGroup() {
        assertThat(compile("hostvars[groups['master'][0]].init.join_command").evaluate(scope()))
                .isEqualTo("kubeadm join 10.0.0.1");
    }

    @Test
    void evaluate_unknownRoot_throwsUnknownValue() {
        Map<String, Object> s = scope();
        s.put("result", new Unknown("pending change on task 'kubeadm init'"));
        assertThatThrownBy(() -> compile("result.rc == 0").evaluate(s))
                .isInstanceOfSatisfying(UnknownValueException.class,
                        u -> assertThat(u.reason()).isEqualTo("pending change on task 'kubeadm init'"));
    }

    @Test
    void evaluate_unknownInsideHostvars_throwsUnknownValue() {
        Map<String, Object> s = scope();
        s.put("hostvars", Map.of("k8s-master", Map.of("init", new Unknown("pending init"))));
        assertThatThrownBy(() -> compile("hostvars['k8s-master'].init.join_command").evaluate(s))
                .isInstanceOf(UnknownValueException.class);
        assertThatThrownBy(() -> compile("hostvars[inventory_hostname].init != null").evaluate(s))
                .isInstanceOf(UnknownValueException.class);
    }

    @Test
    void evaluate_unknownOnAPathNotRead_isIgnored() {
        Map<String, Object> s = scope();
        s.put("hostvars", Map.of("k8s-master", Map.of("init", Map.of("join_command", "j")), "w1",
                Map.of("init", new Unknown("pending"))));
        assertThat(compile("hostvars['k8s-master'].init.join_command").evaluate(s)).isEqualTo("j");
    }

    @Test
    void evaluate_returnsCallersOwnObjects() {
        Map<String, Object> s = scope();
        assertThat(compile("result").evaluate(s)).isSameAs(s.get("result"));
        assertThat(compile("[item]").evaluate(s)).isEqualTo(List.of(s.get("item")));
    }

    @Test
    void test_nonBoolean_isAnError() {
        assertThatThrownBy(() -> compile("result.stdout").test(scope()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("must be true or false, got String 'Hello World'");
    }

    @Test
    void evaluate_typeError_isReportedInUserTerms() {
        assertThatThrownBy(() -> compile("!result.rc").evaluate(scope()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("!result.rc");
    }

    @Test
    void evaluate_slowerThanTheLimit_isStopped() {
        // a regex that backtracks: (.*a){8} against 40 a's and a b takes seconds
        Diagnostics diags = new Diagnostics();
        Expression e = new ExpressionCompiler(Set.of("name"), Duration.ofMillis(100)).compile("name ~= '(.*a){8}'", AT, diags).orElseThrow();
        long start = System.nanoTime();
        assertThatThrownBy(() -> e.evaluate(Map.of("name", "a".repeat(40) + "b")))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("expression took longer than 100ms and was stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void onlyWhatCanRunLong_isHandedToAThreadWithATimeLimit() {
        // the evaluation asks whether each variable is there: the last thread to ask is noted
        Map<String, Object> scope = new HashMap<>(scope()) {
            @Override public boolean containsKey(Object key) {
                put("thread", Thread.currentThread());
                return super.containsKey(key);
            }
        };
        Diagnostics diags = new Diagnostics();
        ExpressionCompiler compiler = new ExpressionCompiler(Fixtures.KNOWN, Duration.ofSeconds(2));
        // variables, members, indexes and plain operators: on the caller's thread, no handoff
        compiler.compile("port + 1 > 80 && result.stdout != null", AT, diags).orElseThrow().evaluate(scope);
        assertThat(scope.get("thread")).isSameAs(Thread.currentThread());
        // a regex (or a call, a projection): on a worker the caller can stop waiting for
        compiler.compile("result.stdout ~= 'Hello.*'", AT, diags).orElseThrow().evaluate(scope);
        assertThat(scope.get("thread")).isNotSameAs(Thread.currentThread());
        assertThat(diags.hasErrors()).isFalse();
    }

    @Test
    void defaultTimeLimit_isTwoSeconds() {
        assertThat(ExpressionCompiler.DEFAULT_TIME_LIMIT).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void evaluate_seesOnlyTheScope() {
        Diagnostics diags = new Diagnostics();
        Expression e = new ExpressionCompiler(Set.of("a")).compile("a", AT, diags).orElseThrow();
        assertThat(e.evaluate(Map.of("a", 1, "b", 2))).isEqualTo(1);
    }
}
