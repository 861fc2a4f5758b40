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
    /** Written as one template ({@code when: "{{ x }}"}): tested as Ansible tests a templated condition. */
    private final boolean templated;

    CompiledExpression(String source, Location location, Node tree, Reads reads) {
        this(source, location, tree, reads, false);
    }

    CompiledExpression(String source, Location location, Node tree, Reads reads, boolean templated) {
        this.templated = templated;
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

    /**
     * A bare condition is tested with Jinja2's truth. One written as a template ({@code "{{ x }}"}) is
     * first rendered as Ansible renders a template (a string that reads as a list, dict, True or False
     * becomes one), and a non-empty string result is then a condition of its own in Ansible: Rigger
     * reads it when it is a literal ({@code "False"}, {@code "false"}, {@code "0"}, {@code "[]"}) and
     * refuses any other text, which it does not evaluate as an expression.
     */
    @Override
    public boolean test(Map<String, Object> scope) {
        Object value = evaluate(scope);
        if (templated) {
            Object typed = CompiledTemplate.renderedAlone(value);
            if (typed instanceof String s && !s.isEmpty()) {
                Object literal = LiteralEval.orText(s);
                if (literal == s) {
                    throw new ExpressionException(location, "the condition '" + Evaluation.brief(source) + "' rendered to the text '"
                            + Evaluation.brief(s) + "', which Ansible evaluates as an expression in turn; Rigger evaluates only "
                            + "what is written: write the condition without {{ }}");
                }
                value = literal;
            } else {
                value = typed;
            }
        }
        try {
            return dev.rigger.engine.expr.eval.Py.truthy(value);
        } catch (EvalException e) {
            throw new ExpressionException(location(), e.getMessage() + " in '" + source() + "'");
        }
    }

    @Override
    public String toString() { return source; }
}
