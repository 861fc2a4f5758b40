package dev.rigger.engine.expr;

import static dev.rigger.engine.expr.Fixtures.AT;
import static dev.rigger.engine.expr.Fixtures.compile;
import static dev.rigger.engine.expr.Fixtures.eval;
import static dev.rigger.engine.expr.Fixtures.rejected;
import static dev.rigger.engine.expr.Fixtures.scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.engine.diag.Diagnostic;
import dev.rigger.engine.diag.Diagnostics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ansible's Jinja2 expressions: reads, operators, precedence, tests and filters, undefined names. */
class ExpressionTest {

    @Test
    void reads_nestedMapsWithDotsAndBrackets() {
        assertThat(eval("hostvars['k8s-master'].init.join_command ~ ' --v=2'")).isEqualTo("kubeadm join 10.0.0.1 --v=2");
        assertThat(eval("vars['x']")).isEqualTo("ex");
        assertThat(eval("item.name")).isEqualTo("nginx");
        assertThat(eval("groups['workers'][1]")).isEqualTo("w2");
        assertThat(eval("groups.workers.1")).isEqualTo("w2");
        assertThat(eval("groups['workers'][-1]")).isEqualTo("w2");
        assertThat(eval("hostvars[groups['master'][0]].init.join_command")).isEqualTo("kubeadm join 10.0.0.1");
    }

    @Test
    void operators_followPython() {
        assertThat(eval("port + 1")).isEqualTo(8081L);
        assertThat(eval("port / 2")).isEqualTo(4040.0);
        assertThat(eval("7 // 2")).isEqualTo(3L);
        assertThat(eval("-7 // 2")).isEqualTo(-4L);
        assertThat(eval("-7 % 3")).isEqualTo(2L);
        assertThat(eval("2 ** 10")).isEqualTo(1024L);
        assertThat(eval("'a' ~ 1 ~ none")).isEqualTo("a1None");
        assertThat(eval("[1] + [2]")).isEqualTo(List.of(1L, 2L));
        assertThat(eval("'ab' * 2")).isEqualTo("abab");
        assertThat(eval("'%s:%d' % ('h', 22)")).isEqualTo("h:22");
        assertThat(eval("1 + 2 * 3 ** 2")).isEqualTo(19L);
        assertThat(eval("not 1 == 2")).isEqualTo(true);
        assertThat(eval("1 < 2 < 3")).isEqualTo(true);
        assertThat(eval("3 > 2 > 2")).isEqualTo(false);
        assertThat(eval("1 == 1.0 and true == 1")).isEqualTo(true);
    }

    @Test
    void andOr_returnTheirOperands() {
        assertThat(eval("'' or 'fallback'")).isEqualTo("fallback");
        assertThat(eval("0 and 'x'")).isEqualTo(0L);
        assertThat(eval("result.rc == 0 and inventory_hostname == 'k8s-master'")).isEqualTo(true);
    }

    @Test
    void inlineIf_andMembership() {
        assertThat(eval("'failed' if result.rc != 0 else 'ok'")).isEqualTo("ok");
        assertThat(eval("inventory_hostname in groups['master']")).isEqualTo(true);
        assertThat(eval("inventory_hostname not in groups['workers']")).isEqualTo(true);
        assertThat(eval("'World' in result.stdout")).isEqualTo(true);
        assertThat(eval("'rc' in result")).isEqualTo(true);
    }

    @Test
    void literals_areJinjas() {
        assertThat(eval("[1, 'a', true, none, 1.5]")).isEqualTo(java.util.Arrays.asList(1L, "a", true, null, 1.5));
        assertThat(eval("{'k': port, 'n': [1]}")).isEqualTo(Map.of("k", 8080, "n", List.of(1L)));
        assertThat(eval("True and not False and None is none")).isEqualTo(true);
        assertThat(eval("('a', 'b')")).isEqualTo(List.of("a", "b"));
        assertThat(eval("'a' 'b'")).isEqualTo("ab");
        assertThat(eval("0x1F + 0o10 + 0b1 + 1_000")).isEqualTo(1040L);
    }

    @Test
    void filters_andTests() {
        assertThat(eval("item.name | upper")).isEqualTo("NGINX");
        assertThat(eval("groups.workers | length")).isEqualTo(2L);
        assertThat(eval("packages | map(attribute='name') | join(',')")).isEqualTo("a,b");
        assertThat(eval("nope | default('d')")).isEqualTo("d");
        assertThat(eval("result.nope | default('d')")).isEqualTo("d");
        assertThat(eval("nope.deeper.still | default(5)")).isEqualTo(5L);
        assertThat(eval("'' | default('d', true)")).isEqualTo("d");
        assertThat(eval("nope is defined")).isEqualTo(false);
        assertThat(eval("result is changed")).isEqualTo(true);
        assertThat(eval("result.stdout is match('Hello')")).isEqualTo(true);
        assertThat(eval("port is not string")).isEqualTo(true);
        assertThat(eval("'1.16.2' is version('1.16', '>=')")).isEqualTo(true);
        assertThat(eval("9 is divisibleby 3")).isEqualTo(true);
        assertThat(eval("item.name | ansible.builtin.upper")).isEqualTo("NGINX");
    }

    @Test
    void methods_fromTheAllowList() {
        assertThat(eval("result.stdout.split(' ')[1]")).isEqualTo("World");
        assertThat(eval("result.stdout.startswith('Hello')")).isEqualTo(true);
        assertThat(eval("result.get('stderr', 'none')")).isEqualTo("none");
        assertThat(eval("item.keys() | list | sort")).isEqualTo(List.of("name", "version"));
    }

    @Test
    void slices() {
        assertThat(eval("result.stdout[:5]")).isEqualTo("Hello");
        assertThat(eval("result.stdout[::-1][:5]")).isEqualTo("dlroW");
        assertThat(eval("groups.workers[1:]")).isEqualTo(List.of("w2"));
    }

    @Test
    void conditions_useJinjasTruth() {
        assertThat(compile("result.stdout").test(scope())).isTrue();
        assertThat(compile("groups.none_such | default([])").test(scope())).isFalse();
        assertThat(compile("result.rc").test(scope())).isFalse();
    }

    @Test
    void rootNames_areTheVariablesRead() {
        Expression e = compile("result.rc == 0 and item.name != none and inventory_hostname in groups['master'] and x is undefined");
        assertThat(e.rootNames()).containsExactlyInAnyOrder("result", "item", "inventory_hostname", "groups", "x");
    }

    @Test
    void hostvarsRefs_recordIndexSourceAndAttribute() {
        Expression e = compile("hostvars['k8s-master'].init.join_command ~ hostvars[groups['master'][0]]['init'].x");
        assertThat(e.hostvarsRefs()).containsExactlyInAnyOrder(
                new HostvarsRef("'k8s-master'", "init"), new HostvarsRef("groups['master'][0]", "init"));
        assertThat(compile("hostvars[inventory_hostname] | length").hostvarsRefs()).isEmpty();
    }

    @Test
    void unknownName_isALoadError_withTheClosestName() {
        Diagnostic d = rejected("reslt.rc == 0");
        assertThat(d.message()).isEqualTo("undefined variable 'reslt' (did you mean 'result'?)");
        assertThat(d.location()).isEqualTo(AT);
        assertThat(rejected("result.rc == 0 and foo_bar_baz").location()).isEqualTo(AT.shifted(19));
        assertThat(rejected("zzzzzzzz == 1").message()).startsWith("undefined variable 'zzzzzzzz' (known: ");
    }

    /** Keys of a file read as variables by mistake (/etc/shadow's lines) are never offered as names. */
    @Test
    void unknownName_neverOffersKeysThatAreNoNames() {
        Diagnostics diags = new Diagnostics();
        new ExpressionCompiler(Set.of("root:$6$HASHED:1::", "rot")).compile("root", AT, diags);
        assertThat(diags.list()).singleElement().extracting(Diagnostic::message).isEqualTo("undefined variable 'root' (did you mean 'rot'?)");
        diags = new Diagnostics();
        new ExpressionCompiler(Set.of("root:$6$HASHED:1::", "daemon:*:1::")).compile("root", AT, diags);
        assertThat(diags.list()).singleElement().extracting(Diagnostic::message).isEqualTo("undefined variable 'root'");
    }

    @Test
    void guardedName_mayBeUnknown() {
        assertThat(eval("extra_opts | default('')")).isEqualTo("");
        assertThat(eval("extra_opts is defined and extra_opts")).isEqualTo(false);
    }

    @Test
    void unknownFilterTestFunctionOrMethod_isALoadError() {
        assertThat(rejected("item.name | uper").message()).isEqualTo("no filter named 'uper' (did you mean 'upper'?)");
        assertThat(rejected("item is definde").message()).startsWith("no test named 'definde'");
        assertThat(rejected("rnage(3)").message()).startsWith("no function named 'rnage'");
        assertThat(rejected("item.name.getClass()").message()).startsWith("no method named 'getClass'");
    }

    @Test
    void syntaxErrors_areDiagnosed_withWhatToWriteInstead() {
        assertThat(rejected("result.rc == ").message()).isEqualTo("unexpected end of expression");
        assertThat(rejected("(result.rc == 0").message()).startsWith("expected ')'");
        assertThat(rejected("'unterminated").message()).isEqualTo("unterminated string");
        assertThat(rejected("   ").message()).isEqualTo("empty expression");
        assertThat(rejected("port > 1 && port < 2").message()).isEqualTo("'&&' is not Jinja2: write 'and'");
        assertThat(rejected("port > 1 || port < 2").message()).isEqualTo("'||' is not Jinja2: write 'or'");
        assertThat(rejected("!result.changed").message()).isEqualTo("'!' is not Jinja2: write 'not'");
        assertThat(rejected("port > 1 ? 'a' : 'b'").message()).isEqualTo("'?' is not Jinja2: write 'a if condition else b'");
        assertThat(rejected("groups['master'] contains inventory_hostname").message()).isEqualTo("'contains' is not Jinja2: write 'x in list'");
        assertThat(rejected("groups.master.size() > 0").message()).startsWith("no method named 'size'");
    }

    @Test
    void missingKeys_areUndefined_andAnErrorWhenUsed() {
        assertThatThrownBy(() -> eval("result.nope == 0"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("'dict object' has no attribute 'nope'");
        assertThatThrownBy(() -> eval("vars['nope'] ~ 'x'"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("has no attribute 'nope'");
        assertThatThrownBy(() -> eval("groups['workers'][5] ~ ''"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("no element 5");
        Map<String, Object> s = new HashMap<>(scope());
        s.remove("result");
        assertThatThrownBy(() -> compile("result.rc == 0").evaluate(s))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("'result' is undefined");
    }

    @Test
    void typeErrors_areInUserTerms() {
        assertThatThrownBy(() -> eval("'a' + 1"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("can only concatenate str (not \"int\") to str in ''a' + 1'");
        assertThatThrownBy(() -> eval("'a' < 1"))
                .hasMessageContaining("'<' not supported between instances of 'str' and 'int'");
        // found by Jazzer in CI: a code point out of range for %c and {:c}
        assertThatThrownBy(() -> eval("'%c' % -6")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("%c arg not in range(0x110000)");
        assertThatThrownBy(() -> eval("'{:c}'.format(1114112)")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("%c arg not in range(0x110000)");
    }

    @Test
    void unknownValues_stopTheEvaluation_whenRead() {
        Map<String, Object> s = new HashMap<>(scope());
        s.put("result", new Unknown("pending"));
        assertThatThrownBy(() -> compile("result.rc == 0").evaluate(s)).isInstanceOf(UnknownValueException.class);
        s.put("hostvars", Map.of("k8s-master", Map.of("init", new Unknown("pending")), "w1", Map.of("init", Map.of("join_command", "j"))));
        assertThatThrownBy(() -> compile("hostvars['k8s-master'].init.join_command").evaluate(s))
                .isInstanceOf(UnknownValueException.class);
        // not read: no effect
        assertThat(compile("hostvars['w1'].init.join_command").evaluate(s)).isEqualTo("j");
        // inside a value returned whole: the result is not known either
        assertThatThrownBy(() -> compile("hostvars['k8s-master']").evaluate(s)).isInstanceOf(UnknownValueException.class);
    }

    @Test
    void evaluate_returnsTheCallersObjects_andSeesOnlyTheScope() {
        Map<String, Object> s = scope();
        assertThat(compile("result").evaluate(s)).isSameAs(s.get("result"));
        Diagnostics diags = new Diagnostics();
        Expression e = new ExpressionCompiler(Set.of("a")).compile("a", AT, diags).orElseThrow();
        assertThat(e.evaluate(Map.of("a", 1, "b", 2))).isEqualTo(1);
    }
}
