package dev.rigger.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escape corpus: what an attacker writes to reach the JVM from an expression or a template,
 * in every place one can stand (a condition, a task value, a template file), against values of
 * every type. Each either fails to load or evaluates to plain data; the canary file must never
 * appear and no result may be anything but the value model.
 */
class ExpressionEscapeTest {
    private static final Location AT = new Location("attack.yml", 1, 1);

    /** {@code %C} is the canary path. */
    private static final List<String> ATTACKS = List.of(
            "java.lang.Runtime.getRuntime().exec('touch %C')",
            "Runtime.getRuntime().exec('touch %C')",
            "/*'*/ java.lang.Runtime.getRuntime().exec('touch %C') /*'*/",
            "'' /* */ ~ Runtime.getRuntime().exec('touch %C')",
            "''.getClass().forName('java.lang.Runtime').getRuntime().exec('touch %C')",
            "''.__class__.__mro__[1].__subclasses__()",
            "s.__class__",
            "s['__class__']",
            "s.Class",
            "s.class",
            "s.getClass()",
            "n.getClass().forName('java.lang.Runtime')",
            "l.getClass()",
            "m.getClass()",
            "m['getClass']",
            "r.stdout.getClass()",
            "f.ansible_hostname.getClass()",
            "l.iterator()",
            "m.entrySet()",
            "s.chars()",
            "s.toCharArray()",
            "s.format.__globals__",
            "'{0.__class__}'.format(s)",
            "'{0.getClass}'.format(s)",
            "'{0[__class__]}'.format(m)",
            "'%s' % s.getClass",
            "lookup('pipe', 'touch %C')",
            "query('pipe', 'touch %C')",
            "lookup('file', '/etc/shadow')",
            "lookup('env', 'RIGGER_VAULT_PASSWORD') | length > -1",
            "range(10).getClass()",
            "self",
            "self._TemplateReference__context",
            "cycler.__init__.__globals__",
            "joiner.__init__.__globals__.os.popen('touch %C')",
            "namespace.__init__",
            "lipsum.__globals__['os'].popen('touch %C')",
            "config.__class__.__init__.__globals__",
            "request.application.__globals__",
            "x | attr('__class__')",
            "s | attr('getClass')",
            "m | attr('getClass')",
            "s | map('getClass') | list",
            "l | map(attribute='__class__') | list",
            "l | map(attribute='class') | list",
            "l | selectattr('__class__') | list",
            "l | sort(attribute='__class__')",
            "m | dictsort",
            "s | string | attr('__class__')",
            "\\u0052untime.getRuntime()",
            "R\\u0075ntime",
            "'\\u0027 + Runtime.getRuntime().exec(\\u0027touch %C\\u0027) + \\u0027'",
            "RUNTIME.GETRUNTIME()",
            "java['lang']['Runtime']",
            "{'a': 1}.__class__",
            "[].__class__.__base__.__subclasses__()",
            "().__class__",
            "s.__len__()",
            "s.split.__self__",
            "s.split(',').__class__",
            "new java.io.File('%C').createNewFile()",
            "T(java.lang.Runtime).getRuntime()",
            "#{T(java.lang.Runtime)}",
            "${Runtime}",
            "@java.lang.Runtime@getRuntime()",
            "s.x = 1",
            "s ~ (x = 1)",
            "def f(): pass",
            "import os",
            "__import__('os').system('touch %C')",
            "eval('1')",
            "exec('touch %C')",
            "getattr(s, '__class__')",
            "s|default(Runtime)",
            "r is defined and r.stdout.getClass()");

    private static Map<String, Object> scope() {
        Map<String, Object> s = new HashMap<>();
        s.put("s", "text");
        s.put("n", 42);
        s.put("d", 1.5);
        s.put("b", true);
        s.put("z", null);
        s.put("l", List.of("a", Map.of("k", "v")));
        s.put("m", new LinkedHashMap<>(Map.of("k", "v", "getClass", "literal key")));
        s.put("r", Map.of("stdout", "out", "rc", 0, "changed", false));
        s.put("f", Map.of("ansible_hostname", "h1"));
        return s;
    }

    private static final Set<String> KNOWN = scope().keySet();

    @Test
    void noAttack_reachesTheJvm(@TempDir Path dir) throws Exception {
        Path canary = dir.resolve("canary");
        ExpressionCompiler ec = new ExpressionCompiler(KNOWN);
        int refused = 0;
        int evaluated = 0;
        for (String raw : ATTACKS) {
            String attack = raw.replace("%C", canary.toString());
            for (String form : List.of(attack, "{{ " + attack + " }}", "{% if " + attack + " %}x{% endif %}",
                    "{% for i in [1] %}{{ " + attack + " }}{% endfor %}", "{% set v = " + attack + " %}{{ v }}")) {
                List<Object> results = new ArrayList<>();
                Diagnostics diags = new Diagnostics();
                if (form == attack) {
                    ec.compile(form, AT, diags).ifPresent(e -> results.add(tryRun(() -> e.evaluate(scope()))));
                } else {
                    ec.template(form, AT, diags).ifPresent(t -> results.add(tryRun(() -> t.render(scope()))));
                    ec.templateFile(form, AT, new Diagnostics()).ifPresent(t -> results.add(tryRun(() -> t.render(scope()))));
                }
                if (results.isEmpty()) refused++;
                else evaluated++;
                for (Object r : results) assertPlainData(r, form);
                assertThat(canary).as(form).doesNotExist();
            }
        }
        assertThat(refused).isGreaterThan(ATTACKS.size());
        assertThat(evaluated).isPositive();
    }

    @Test
    void valuesThatLookLikeCode_areData(@TempDir Path dir) {
        // attacker-controlled values (registered output, facts, inventory vars) are never parsed
        Path canary = dir.resolve("canary");
        String hostile = "{{ lookup('pipe', 'touch " + canary + "') }}";
        Map<String, Object> s = scope();
        s.put("r", Map.of("stdout", hostile));
        ExpressionCompiler ec = new ExpressionCompiler(KNOWN);
        Template t = ec.template("{{ r.stdout }} and {{ r.stdout | upper }}", AT, new Diagnostics()).orElseThrow();
        assertThat(t.render(s)).isEqualTo(hostile + " and " + hostile.toUpperCase());
        assertThat(canary).doesNotExist();
    }

    /** A result, or the exception it ended with (which must be one of ours). */
    private static Object tryRun(java.util.function.Supplier<Object> run) {
        try {
            return run.get();
        } catch (ExpressionException | UnknownValueException e) {
            return e.getMessage();
        }
    }

    private static void assertPlainData(Object v, String form) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) return;
        if (v instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> assertPlainData(k, form));
            m.values().forEach(x -> assertPlainData(x, form));
            return;
        }
        if (v instanceof Collection<?> c) {
            c.forEach(x -> assertPlainData(x, form));
            return;
        }
        throw new AssertionError(form + " produced a " + v.getClass().getName());
    }

    @Test
    void pipeLookup_isOffUnlessAllowed(@TempDir Path dir) throws Exception {
        Path canary = dir.resolve("canary");
        ExpressionCompiler ec = new ExpressionCompiler(KNOWN);
        Expression e = ec.compile("lookup('pipe', 'touch " + canary + "')", AT, new Diagnostics()).orElseThrow();
        assertThat(tryRun(() -> e.evaluate(scope()))).asString().contains("--allow-pipe-lookup");
        assertThat(Files.exists(canary)).isFalse();
    }
}
