package dev.rigger.engine.expr;

import static dev.rigger.engine.expr.Fixtures.AT;
import static dev.rigger.engine.expr.Fixtures.compile;
import static dev.rigger.engine.expr.Fixtures.rejected;
import static dev.rigger.engine.expr.Fixtures.scope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionCompilerTest {

    @Test
    void evaluate_readsNestedMapsWithDotsAndBrackets() {
        assertThat(compile("hostvars['k8s-master'].init.join_command + ' --v=2'").evaluate(scope()))
                .isEqualTo("kubeadm join 10.0.0.1 --v=2");
        assertThat(compile("inventory_hostname == 'k8s-master' && result.rc == 0").test(scope())).isTrue();
        assertThat(compile("vars['x']").evaluate(scope())).isEqualTo("ex");
        assertThat(compile("item.name").evaluate(scope())).isEqualTo("nginx");
        assertThat(compile("groups['workers'][1]").evaluate(scope())).isEqualTo("w2");
    }

    @Test
    void evaluate_supportsOperatorsTernaryAndEmpty() {
        assertThat(compile("result.rc != 0 ? 'failed' : 'ok'").evaluate(scope())).isEqualTo("ok");
        assertThat(compile("!result.changed").test(scope())).isFalse();
        assertThat(compile("result.stdout == empty").test(scope())).isFalse();
        assertThat(compile("port + 1").evaluate(scope())).isEqualTo(8081);
        assertThat(compile("port > 1024 and item.version >= 3").test(scope())).isTrue();
        assertThat(compile("result.stdout ~= 'Hello.*'").test(scope())).isTrue();
    }

    @Test
    void evaluate_membershipWithContains() {
        assertThat(compile("groups['master'] contains inventory_hostname").test(scope())).isTrue();
        assertThat(compile("groups['workers'] contains inventory_hostname").test(scope())).isFalse();
        assertThat(compile("groups['workers'].contains('w1')").test(scope())).isTrue();
    }

    @Test
    void evaluate_allowedMethodsOnStringsAndCollections() {
        assertThat(compile("groups['workers'].size() > 1").test(scope())).isTrue();
        assertThat(compile("result.stdout.toUpperCase().startsWith('HELLO')").test(scope())).isTrue();
        assertThat(compile("result.stdout.split(' ')[1]").evaluate(scope())).isEqualTo("World");
        assertThat(compile("result.containsKey('stderr')").test(scope())).isFalse();
    }

    @Test
    void evaluate_projectionCollectsFromEachElement() {
        Expression e = compile("(name in packages)");
        assertThat(e.evaluate(scope())).isEqualTo(List.of("a", "b"));
        assertThat(e.rootNames()).containsExactly("packages");
    }

    @Test
    void evaluate_inlineListAndMapLiterals() {
        assertThat(compile("['a', 'b'] contains item.name").test(scope())).isFalse();
        assertThat(compile("['k': port]").evaluate(scope())).isEqualTo(java.util.Map.of("k", 8080));
    }

    @Test
    void rootNames_listsVariablesButNotMembersOrKeywords() {
        Expression e = compile("result.rc == 0 && item.name != null && groups['master'] contains inventory_hostname");
        assertThat(e.rootNames()).containsExactlyInAnyOrder("result", "item", "groups", "inventory_hostname");
    }

    @Test
    void hostvarsRefs_recordsIndexSourceAndAttribute() {
        Expression e = compile("hostvars['k8s-master'].init.join_command + hostvars[groups['master'][0]]['init'].x");
        assertThat(e.hostvarsRefs()).containsExactly(
                new HostvarsRef("'k8s-master'", "init"),
                new HostvarsRef("groups['master'][0]", "init"));
    }

    @Test
    void hostvarsRefs_wholeHostHasNullAttribute() {
        assertThat(compile("hostvars[inventory_hostname].size()").hostvarsRefs())
                .containsExactly(new HostvarsRef("inventory_hostname", null));
    }

    @Test
    void compile_unknownName_suggestsClosestKnownName() {
        Diagnostic d = rejected("reslt.rc == 0");
        assertThat(d.message()).isEqualTo("undefined variable 'reslt' (did you mean 'result'?)");
        assertThat(d.location()).isEqualTo(AT);
    }

    @Test
    void compile_unrelatedUnknownName_listsKnownNames() {
        assertThat(rejected("zzzzzzzz == 1").message())
                .startsWith("undefined variable 'zzzzzzzz' (known: ");
    }

    @Test
    void compile_errorLocationPointsAtOffendingColumn() {
        Diagnostic d = rejected("result.rc == 0 && foo_bar_baz");
        assertThat(d.location()).isEqualTo(AT.shifted(18));
    }

    @Test
    void compile_syntaxError_isDiagnosedNotThrown() {
        assertThat(rejected("result.rc == ").message()).startsWith("syntax error");
        assertThat(rejected("(result.rc == 0").message()).isNotBlank();
        assertThat(rejected("1 +").message()).isEqualTo("syntax error: incomplete or malformed expression");
        assertThat(rejected("result.rc == 0 &&& port").message()).doesNotContain("[Error");
        assertThat(rejected("'unterminated").message()).isEqualTo("unterminated string literal");
        assertThat(rejected("   ").message()).isEqualTo("empty expression");
    }

    @Test
    void compile_inOutsideProjection_pointsToContains() {
        assertThat(rejected("inventory_hostname in groups['master']").message()).contains("list contains x");
    }

    @Test
    void compile_filters_areRejectedWithHint() {
        assertThat(rejected("item.name | upper").message()).startsWith("filters ('|') are not supported");
    }

    @Test
    void compile_literalsAndKeywordsAreNotVariables() {
        assertThat(compile("true && !false && null == nil && '' == empty").test(scope())).isTrue();
    }
}
