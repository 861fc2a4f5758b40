package dev.rigger.engine.compile;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.ExpressionCompiler;
import dev.rigger.engine.expr.syntax.TemplateParser;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Arguments of {@link Param.Type#EXPRESSIONS} (debug's {@code var}, assert's {@code that}): the
 * text as written is an expression, as in {@code when}, so each is compiled as the lone
 * {@code {{ }}} of a template (which keeps the value's type) and the argument becomes a mapping
 * of each text to its compiled value, in order. A text already in {@code {{ }}} is refused:
 * Ansible templates it twice there, with a warning.
 */
final class ExpressionArgs {
    private ExpressionArgs() { }

    static void compile(Map<String, Object> args, ParamSpec spec, Function<String, Location> where,
                        ExpressionCompiler ec, Diagnostics diags) {
        for (Map.Entry<String, Object> e : args.entrySet()) {
            Param p = spec.find(e.getKey()).orElse(null);
            if (p == null || p.type() != Param.Type.EXPRESSIONS) continue;
            Location at = where.apply(e.getKey());
            Map<String, Object> compiled = new LinkedHashMap<>();
            for (Object item : e.getValue() instanceof List<?> l ? l : List.of(e.getValue() == null ? "None" : e.getValue())) {
                if (ValueTree.isTemplated(item) || item instanceof String s && TemplateParser.isPossiblyTemplate(s)) {
                    diags.error(at, "'" + e.getKey() + "' takes expressions as when: does: write them without {{ }}");
                } else if (item instanceof String || item instanceof Boolean || item instanceof Number) {
                    String text = item instanceof Boolean b ? (b ? "True" : "False") : item.toString();
                    compiled.put(text, ValueTree.compile("{{ " + text + " }}", at, ec, diags));
                } else {
                    diags.error(at, "'" + e.getKey() + "' must be an expression or a list of expressions");
                }
            }
            e.setValue(compiled);
        }
    }
}
