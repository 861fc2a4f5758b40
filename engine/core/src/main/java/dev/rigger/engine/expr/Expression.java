package dev.rigger.engine.expr;

import dev.rigger.engine.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A compiled, sandboxed expression; see {@link ExpressionCompiler} for what the DSL supports. */
public interface Expression {
    String source();

    Location location();

    /** Root variable names it reads. */
    Set<String> rootNames();

    /** Every {@code hostvars[<index>].<attr>} it reads. */
    List<HostvarsRef> hostvarsRefs();

    /**
     * Evaluates against {@code scope} (the only variables visible).
     *
     * @throws ExpressionException   on an undefined name, missing key, type error or timeout
     * @throws UnknownValueException when a value it reads is {@link Unknown}
     */
    Object evaluate(Map<String, Object> scope);

    /** Evaluates as a condition, with Jinja2's truth (Ansible wraps a condition in {@code {% if %}}). */
    default boolean test(Map<String, Object> scope) {
        Object value = evaluate(scope);
        try {
            return dev.rigger.engine.expr.eval.Py.truthy(value);
        } catch (dev.rigger.engine.expr.eval.EvalException e) {
            throw new ExpressionException(location(), e.getMessage() + " in '" + source() + "'");
        }
    }
}
