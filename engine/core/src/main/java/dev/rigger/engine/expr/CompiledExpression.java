package dev.rigger.engine.expr;

import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Evaluator;
import dev.rigger.engine.expr.eval.Undefined;
import dev.rigger.engine.expr.syntax.Node;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed and checked expression ({@code when:}, {@code changed_when:}, a rule); evaluated by our interpreter. */
final class CompiledExpression implements Expression {
    private final String source;
    private final Location location;
    private final Node tree;
    private final Set<String> rootNames;
    private final List<HostvarsRef> hostvarsRefs;

    CompiledExpression(String source, Location location, Node tree, Reads reads) {
        this.source = source;
        this.location = location;
        this.tree = tree;
        this.rootNames = Set.copyOf(reads.roots);
        this.hostvarsRefs = List.copyOf(reads.hostvars);
    }

    @Override public String source() { return source; }
    @Override public Location location() { return location; }
    @Override public Set<String> rootNames() { return rootNames; }
    @Override public List<HostvarsRef> hostvarsRefs() { return hostvarsRefs; }

    @Override
    public Object evaluate(Map<String, Object> scope) {
        Evaluator ev = Evaluation.start(scope);
        Object result;
        try {
            result = ev.eval(tree, ev.root());
            if (result instanceof Undefined u) throw u.fail().at(tree.offset());
            Values.requireNoUnknown(result);
        } catch (EvalException e) {
            throw Evaluation.error(e, location, source);
        } catch (UnknownValueException | ExpressionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Evaluation.internal(e, location, source);
        }
        return result;
    }

    @Override
    public String toString() { return source; }
}
