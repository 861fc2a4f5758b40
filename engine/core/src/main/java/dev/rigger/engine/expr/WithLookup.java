package dev.rigger.engine.expr;

import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.lib.Lookups;
import java.util.List;
import java.util.Map;

/** The items of a {@code with_<lookup>} loop made by a lookup plugin of the expression library, in the task's scope. */
public final class WithLookup {
    private WithLookup() { }

    /** The plugins such a loop may name. */
    public static java.util.Set<String> names() {
        return Lookups.names();
    }

    /**
     * @param terms  the loop's rendered value as a list (Ansible's listify_lookup_plugin_terms)
     * @param subdir where first_found looks in each folder of the search path
     * @param at     the task, for the error
     */
    public static List<Object> items(String lookup, List<Object> terms, String subdir, Map<String, Object> scope, Location at) {
        String source = "with_" + lookup;
        try {
            return Lookups.forLoop(lookup, terms, subdir, Evaluation.start(scope));
        } catch (EvalException e) {
            throw new ExpressionException(at, source + ": " + e.getMessage());
        } catch (UnknownValueException | ExpressionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Evaluation.internal(e, at, source);
        }
    }
}
