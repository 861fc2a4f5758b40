package dev.rigger.engine.expr;

import static dev.rigger.engine.expr.Fixtures.AT;
import static dev.rigger.engine.expr.Fixtures.compiler;
import static dev.rigger.engine.expr.Fixtures.scope;
import static dev.rigger.engine.expr.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Task values and template files, rendered as ansible-core 2.14 renders them. */
class TemplateTest {

    private static String file(String text) {
        Diagnostics diags = new Diagnostics();
        Template t = compiler().templateFile(text, new Location("t.j2", 1, 1), diags).orElse(null);
        assertThat(diags.list()).as("diagnostics").isEmpty();
        return (String) t.render(scope());
    }

    @Test
    void withoutMarkers_isConstant() {
        Template t = template("/etc/hosts");
        assertThat(t.isConstant()).isTrue();
        assertThat(t.render(Map.of())).isEqualTo("/etc/hosts");
    }

    @Test
    void parts_concatenateAsText() {
        assertThat(template("{{ hostvars['k8s-master'].init.join_command }} --v=2").render(scope())).isEqualTo("kubeadm join 10.0.0.1 --v=2");
        assertThat(template("/tmp/{{ item.name }}-{{ port }}.conf").render(scope())).isEqualTo("/tmp/nginx-8080.conf");
    }

    @Test
    void singleVariable_ofANumber_keepsItsType_butAnExpressionIsText() {
        assertThat(template("{{ port }}").render(scope())).isEqualTo(8080);
        assertThat(template("{{ port + 1 }}").render(scope())).isEqualTo("8081");
        assertThat(template("{{ port | int }}").render(scope())).isEqualTo("8080");
    }

    @Test
    void textThatLooksLikeAListDictOrBool_isReadBack() {
        assertThat(template("{{ groups['workers'] }}").render(scope())).isEqualTo(List.of("w1", "w2"));
        assertThat(template("{{ 1 == 1 }}").render(scope())).isEqualTo(true);
        assertThat(template("[{{ port }}, 'a']").render(scope())).isEqualTo(List.of(8080L, "a"));
        assertThat(template("{{ '{' }}\"a\": true}").render(scope())).isEqualTo(Map.of("a", true));
        assertThat(template(" {{ groups['workers'] }}").render(scope())).isEqualTo(" ['w1', 'w2']");
    }

    @Test
    void none_rendersEmpty_exceptAsASingleVariable() {
        Map<String, Object> s = new HashMap<>(scope());
        s.put("item", new HashMap<>(Map.of("x", 1)));
        ((Map<String, Object>) s.get("item")).put("name", null);
        assertThat(template("a{{ item.name }}b").render(s)).isEqualTo("ab");
        s.put("port", null);
        assertThat(template("{{ port }}").render(s)).isNull();
    }

    @Test
    void trailingNewlines_areKept() {
        assertThat(template("{{ port }}\n").render(scope())).isEqualTo("8080\n");
        assertThat(file("{{ port }}\n\n")).isEqualTo("8080\n\n");
    }

    @Test
    void closingBracesInsideStrings_doNotEndTheExpression() {
        assertThat(template("{{ '}}' ~ item.name }}!").render(scope())).isEqualTo("}}nginx!");
        assertThat(template("{{ {'a': {'b': 1}}.a.b }}").render(scope())).isEqualTo("1");
    }

    @Test
    void backslashesInStringLiterals_ofATaskValue_areKeptAsWritten() {
        // Ansible doubles them inside {{ }} of a task value; a template file reads Python escapes
        assertThat(template("{{ 'a\\nb' }}").render(scope())).isEqualTo("a\\nb");
        assertThat(file("{{ 'a\\nb' }}")).isEqualTo("a\nb");
    }

    @Test
    void ifElifElse_forWithLoopVariables_andSet() {
        assertThat(file("{% if port > 9000 %}big{% elif port > 8000 %}mid{% else %}small{% endif %}")).isEqualTo("mid");
        assertThat(file("{% for h in groups.workers %}{{ loop.index }}:{{ h }}{% if not loop.last %},{% endif %}{% endfor %}"))
                .isEqualTo("1:w1,2:w2");
        assertThat(file("{% for h in [] %}x{% else %}empty{% endfor %}")).isEqualTo("empty");
        assertThat(file("{% for k, v in item.items() | sort %}{{ k }}={{ v }};{% endfor %}")).isEqualTo("name=nginx;version=3;");
        assertThat(file("{% for h in groups.workers if h != 'w1' %}{{ h }}{% endfor %}")).isEqualTo("w2");
        assertThat(file("{% set n = port + 1 %}{{ n }}")).isEqualTo("8081");
        assertThat(file("{% set block %}x{{ port }}{% endset %}[{{ block }}]")).isEqualTo("[x8080]");
        assertThat(file("{% for h in groups.workers %}{{ loop.cycle('a', 'b') }}{% endfor %}")).isEqualTo("ab");
    }

    @Test
    void trimBlocks_andWhitespaceControl_asAnsibleSetsThem() {
        assertThat(file("{% if true %}\nyes\n{% endif %}\nend\n")).isEqualTo("yes\nend\n");
        assertThat(file("a  {%- if true -%}  b  {%- endif %}")).isEqualTo("ab");
        assertThat(file("  {% if true %}x{% endif %}")).isEqualTo("  x");
        assertThat(file("a {{- ' b ' -}} c")).isEqualTo("a b c");
        assertThat(file("{# a comment #}\nline\n")).isEqualTo("line\n");
        assertThat(file("{% raw %}{{ not rendered }}{% endraw %}")).isEqualTo("{{ not rendered }}");
    }

    @Test
    void macros_blocks_andInlineIfWithoutElse() {
        assertThat(file("{% macro opt(name, value='on') -%}\n{{ name }} {{ value }};\n{%- endmacro %}\n{{ opt('a', 1) }}\n{{ opt('b') }}\n"))
                .isEqualTo("a 1;\nb on;\n");
        assertThat(file("{% block worker %}\nw={{ port }}\n{% endblock %}\n")).isEqualTo("w=8080\n");
        assertThat(template("[{{ 'x' if port < 10 }}]").render(scope())).isEqualTo(List.of());
    }

    @Test
    void jinja2OverrideLine_setsTrimAndLstripBlocks() {
        assertThat(file("#jinja2: trim_blocks:True, lstrip_blocks:True\nA\n    {% if true %}\n  x\n    {% endif %}\nB\n"))
                .isEqualTo("A\n  x\nB\n");
        assertThat(file("#jinja2: trim_blocks: False\n{% if true %}\nx{% endif %}")).isEqualTo("\nx");
        Diagnostics diags = new Diagnostics();
        assertThat(compiler().templateFile("#jinja2: variable_start_string: '[['\n", AT, diags)).isEmpty();
    }

    @Test
    void textFilters_lastInALoneExpression_stayText() {
        assertThat(template("{{ item | to_json }}").render(scope())).isInstanceOf(String.class);
        assertThat(template("{{ groups.workers | string }}").render(scope())).isEqualTo("['w1', 'w2']");
        assertThat(template("{{ groups.workers | string | trim }}").render(scope())).isEqualTo(List.of("w1", "w2"));
    }

    @Test
    void unsupportedStatements_areRefused_withTheirLocation() {
        Diagnostics diags = new Diagnostics();
        assertThat(compiler().templateFile("line\n{% include 'other.j2' %}", new Location("t.j2", 1, 1), diags)).isEmpty();
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("'{% include %}' is not supported");
            assertThat(d.location()).isEqualTo(new Location("t.j2", 2, 1));
        });
    }

    @Test
    void errors_inAMultiLineTemplate_nameTheLineAndColumn() {
        Diagnostics diags = new Diagnostics();
        compiler().templateFile("a\nb\n  {{ itme.name }}\n", new Location("t.j2", 1, 1), diags);
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("undefined variable 'itme' (did you mean 'item'?)");
            assertThat(d.location()).isEqualTo(new Location("t.j2", 3, 6));
        });
        Template t = compiler().templateFile("a\n{{ result.nope ~ 'x' }}", new Location("t.j2", 1, 1), diags).orElseThrow();
        assertThatThrownBy(() -> t.render(scope())).isInstanceOf(ExpressionException.class)
                .satisfies(e -> assertThat(((ExpressionException) e).location()).isEqualTo(new Location("t.j2", 2, 4)));
    }

    @Test
    void unclosedOrEmptyMarkers_areDiagnosed() {
        Diagnostics diags = new Diagnostics();
        assertThat(compiler().template("/tmp/{{ item", AT, diags)).isEmpty();
        assertThat(diags.list()).singleElement().satisfies(d -> assertThat(d.location()).isEqualTo(AT.shifted(5)));
        assertThat(compiler().template("{% if port %}x", AT, new Diagnostics())).isEmpty();
        assertThat(compiler().template("{{ }}", AT, new Diagnostics())).isEmpty();
    }

    @Test
    void rootNames_areTheUnionOfParts_lessTheTemplatesOwnNames() {
        assertThat(template("{{ item.name }}:{{ port }}").rootNames()).containsExactlyInAnyOrder("item", "port");
        Diagnostics diags = new Diagnostics();
        Template t = compiler().templateFile("{% set a = 1 %}{% for b in groups.all %}{{ a }}{{ b }}{{ loop.index }}{% endfor %}",
                AT, diags).orElseThrow();
        assertThat(t.rootNames()).containsExactly("groups");
    }

    @Test
    void unknownValue_propagates() {
        Map<String, Object> s = new HashMap<>(scope());
        s.put("item", new Unknown("pending"));
        assertThatThrownBy(() -> template("/tmp/{{ item.name }}").render(s)).isInstanceOf(UnknownValueException.class);
    }

    /** ansible_eval_concat: a lone expression's value is Python's str() of it, read back only when it looks like a list, dict or bool. */
    @Test
    void loneExpression_isItsTextReadBack_asAnsible214() {
        Map<String, Object> s = new HashMap<>(scope());
        s.put("vars", Map.of("flag", "False", "word", "false", "one", "1", "listText", "[1, 2]"));
        assertThat(template("{{ 1 + 1 }}").render(s)).isEqualTo("2");
        assertThat(template("{{ 3 / 2 }}").render(s)).isEqualTo("1.5");
        assertThat(template("{{ 4 / 2 }}").render(s)).isEqualTo("2.0");
        assertThat(template("{{ '1' }}").render(s)).isEqualTo("1");
        assertThat(template("{{ vars.one }}").render(s)).isEqualTo("1");
        assertThat(template("{{ 'true' }}").render(s)).isEqualTo("true");
        assertThat(template("{{ vars.word }}").render(s)).isEqualTo("false");
        assertThat(template("{{ vars.flag }}").render(s)).isEqualTo(false);
        assertThat(template("{{ 'True' }}").render(s)).isEqualTo(true);
        assertThat(template("{{ vars.listText }}").render(s)).isEqualTo(List.of(1L, 2L));
        assertThat(template("{{ '[1, ' }}").render(s)).isEqualTo("[1, ");
        assertThat(template("{{ [1, 2] }} ").render(s)).as("trailing text that is only space: still a list").isEqualTo(List.of(1L, 2L));
        assertThat(template("{{ none }}").render(s)).isEqualTo("");
    }

    /** Text around expressions: each part as Python's str() writes it (True, ['a', 'b'], {'k': 1}). */
    @Test
    void partsAroundText_arePythonsStr() {
        Map<String, Object> s = new HashMap<>(scope());
        s.put("vars", Map.of("t", true, "f", false, "d", Map.of("k", 1L)));
        assertThat(template("x{{ [1, 2] }}").render(s)).isEqualTo("x[1, 2]");
        assertThat(template("{{ vars.t }} and {{ vars.f }}").render(s)).isEqualTo("True and False");
        assertThat(template("{{ groups['workers'] }}{{ groups['workers'] }}").render(s)).isEqualTo("['w1', 'w2']['w1', 'w2']");
        assertThat(template("pre {{ vars.d }}").render(s)).isEqualTo("pre {'k': 1}");
        assertThat(template("{{ port }}{{ port }}").render(s)).isEqualTo("80808080");
    }

    /**
     * A condition written as one template is rendered first (as a task value is), then a non-empty
     * string is read as a literal: "False", "false" and "0" are false; other text is refused, not evaluated.
     */
    @Test
    void templatedCondition_isTestedOnItsRenderedValue() {
        Map<String, Object> s = new HashMap<>(scope());
        s.put("vars", Map.of("b", "False", "w", "false", "z", "0", "one", "1", "e", "", "text", "web server", "t", true));
        assertThat(Fixtures.compile("vars.b").test(s)).as("bare: a non-empty string is true").isTrue();
        assertThat(Fixtures.compile("{{ vars.b }}").test(s)).isFalse();
        assertThat(Fixtures.compile(" {{ vars.w }} ").test(s)).isFalse();
        assertThat(Fixtures.compile("{{ vars.z }}").test(s)).isFalse();
        assertThat(Fixtures.compile("{{ vars.one }}").test(s)).isTrue();
        assertThat(Fixtures.compile("{{ vars.e }}").test(s)).isFalse();
        assertThat(Fixtures.compile("{{ vars.t }}").test(s)).isTrue();
        assertThat(Fixtures.compile("{{ port > 80 }}").test(s)).isTrue();
        assertThatThrownBy(() -> Fixtures.compile("{{ vars.text }}").test(s))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("rendered to the text 'web server'")
                .hasMessageContaining("without {{ }}");
        assertThat(Fixtures.compile("{{ vars.t }}").source()).as("the source as written").isEqualTo("{{ vars.t }}");
        assertThat(Fixtures.rejected("{{ nosuch }}").message()).contains("undefined variable 'nosuch'");
    }
}
