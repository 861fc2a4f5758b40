package dev.rigger.engine.expr;

import static dev.rigger.engine.expr.Fixtures.AT;
import static dev.rigger.engine.expr.Fixtures.compiler;
import static dev.rigger.engine.expr.Fixtures.scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.engine.diag.Diagnostics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static Template template(String text) {
        Diagnostics diags = new Diagnostics();
        Template t = compiler().template(text, AT, diags).orElse(null);
        assertThat(diags.list()).as("diagnostics for %s", text).isEmpty();
        return t;
    }

    @Test
    void template_withoutBraces_isConstant() {
        Template t = template("/etc/hosts");
        assertThat(t.isConstant()).isTrue();
        assertThat(t.render(Map.of())).isEqualTo("/etc/hosts");
        assertThat(t.rootNames()).isEmpty();
    }

    @Test
    void template_mixedText_concatenatesStrings() {
        Template t = template("{{ hostvars['k8s-master'].init.join_command }} --v=2");
        assertThat(t.isConstant()).isFalse();
        assertThat(t.render(scope())).isEqualTo("kubeadm join 10.0.0.1 --v=2");
        assertThat(t.hostvarsRefs()).containsExactly(new HostvarsRef("'k8s-master'", "init"));
    }

    @Test
    void template_severalParts_renderInOrder() {
        assertThat(template("/tmp/{{ item.name }}-{{ port }}.conf").render(scope())).isEqualTo("/tmp/nginx-8080.conf");
    }

    @Test
    void template_singleExpression_keepsType() {
        assertThat(template("  {{ groups['workers'] }} ").render(scope())).isEqualTo(List.of("w1", "w2"));
        assertThat(template("{{ port }}").render(scope())).isEqualTo(8080);
    }

    @Test
    void template_singleExpressionWithLineEnd_isText() {
        assertThat(template("{{ port }}\n").render(scope())).isEqualTo("8080\n");
    }

    @Test
    void template_nullPart_rendersEmpty() {
        Map<String, Object> s = scope();
        s.put("item", new java.util.HashMap<>(Map.of("name", "x")));
        @SuppressWarnings("unchecked") Map<String, Object> item = (Map<String, Object>) s.get("item");
        item.put("name", null);
        assertThat(template("a{{ item.name }}b").render(s)).isEqualTo("ab");
    }

    @Test
    void template_closingBracesInsideStringLiteral_doNotEndTheExpression() {
        assertThat(template("{{ '}}' + item.name }}!").render(scope())).isEqualTo("}}nginx!");
    }

    @Test
    void template_rootNames_unionOfParts() {
        assertThat(template("{{ item.name }}:{{ port }}").rootNames()).containsExactlyInAnyOrder("item", "port");
    }

    @Test
    void template_errorInPart_isLocatedInsideTheString() {
        Diagnostics diags = new Diagnostics();
        assertThat(compiler().template("/tmp/{{ itme }}", AT, diags)).isEmpty();
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("undefined variable 'itme' (did you mean 'item'?)");
            assertThat(d.location()).isEqualTo(AT.shifted(8));
        });
    }

    @Test
    void template_everyBadPart_isReported() {
        Diagnostics diags = new Diagnostics();
        compiler().template("{{ Runtime }} and {{ x = 1 }}", AT, diags);
        assertThat(diags.list()).hasSize(2);
    }

    @Test
    void template_unclosedBraces_isDiagnosed() {
        Diagnostics diags = new Diagnostics();
        assertThat(compiler().template("/tmp/{{ item", AT, diags)).isEmpty();
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("never closed");
            assertThat(d.location()).isEqualTo(AT.shifted(5));
        });
    }

    @Test
    void template_unknownValue_propagates() {
        Map<String, Object> s = scope();
        s.put("item", new Unknown("pending"));
        assertThatThrownBy(() -> template("/tmp/{{ item.name }}").render(s)).isInstanceOf(UnknownValueException.class);
    }
}
