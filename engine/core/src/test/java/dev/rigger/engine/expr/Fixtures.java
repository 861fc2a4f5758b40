package dev.rigger.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostic;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shared compiler, scope and assertion helpers for the expr tests. */
final class Fixtures {
    static final Location AT = new Location("site.yml", 7, 11);
    static final Set<String> KNOWN = Set.of("inventory_hostname", "groups", "hostvars", "vars", "facts",
            "result", "item", "packages", "port");

    private Fixtures() {}

    static ExpressionCompiler compiler() { return new ExpressionCompiler(KNOWN); }

    static Expression compile(String source) {
        Diagnostics diags = new Diagnostics();
        Expression e = compiler().compile(source, AT, diags).orElse(null);
        assertThat(diags.list()).as("diagnostics for %s", source).isEmpty();
        return e;
    }

    /** Compiles expecting failure; returns the single diagnostic. */
    static Diagnostic rejected(String source) {
        Diagnostics diags = new Diagnostics();
        assertThat(compiler().compile(source, AT, diags)).as("compile %s", source).isEmpty();
        assertThat(diags.list()).hasSize(1);
        assertThat(diags.hasErrors()).isTrue();
        return diags.list().get(0);
    }

    static Template template(String text) {
        Diagnostics diags = new Diagnostics();
        Template t = compiler().template(text, AT, diags).orElse(null);
        assertThat(diags.list()).as("diagnostics for %s", text).isEmpty();
        return t;
    }

    static Object eval(String source) {
        return compile(source).evaluate(scope());
    }

    static Map<String, Object> scope() {
        Map<String, Object> s = new HashMap<>();
        s.put("inventory_hostname", "k8s-master");
        s.put("groups", Map.of("master", List.of("k8s-master"), "workers", List.of("w1", "w2")));
        s.put("hostvars", Map.of("k8s-master", Map.of("init", Map.of("join_command", "kubeadm join 10.0.0.1")),
                "w1", Map.of(), "w2", Map.of()));
        s.put("vars", Map.of("x", "ex"));
        s.put("facts", Map.of("os", "debian"));
        s.put("result", Map.of("rc", 0, "stdout", "Hello World", "changed", true));
        s.put("item", Map.of("name", "nginx", "version", 3));
        s.put("packages", List.of(Map.of("name", "a"), Map.of("name", "b")));
        s.put("port", 8080);
        return s;
    }
}
