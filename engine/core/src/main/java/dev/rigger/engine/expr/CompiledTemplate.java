package dev.rigger.engine.expr;

import dev.rigger.engine.diag.Location;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A template as a list of parts: literal strings and compiled expressions. */
final class CompiledTemplate implements Template {
    private final String text;
    private final Location location;
    private final List<Object> parts; // String or Expression
    private final boolean singleExpression;
    private final Set<String> rootNames = new LinkedHashSet<>();
    private final List<HostvarsRef> hostvarsRefs;

    CompiledTemplate(String text, Location location, List<Object> parts, boolean singleExpression) {
        this.text = text;
        this.location = location;
        this.parts = List.copyOf(parts);
        this.singleExpression = singleExpression;
        List<Expression> expressions = expressions();
        expressions.forEach(e -> rootNames.addAll(e.rootNames()));
        this.hostvarsRefs = expressions.stream().flatMap(e -> e.hostvarsRefs().stream()).toList();
    }

    private List<Expression> expressions() {
        return parts.stream().filter(Expression.class::isInstance).map(Expression.class::cast).toList();
    }

    @Override public String text() { return text; }
    @Override public Location location() { return location; }
    @Override public boolean isConstant() { return expressions().isEmpty(); }
    @Override public Set<String> rootNames() { return Set.copyOf(rootNames); }
    @Override public List<HostvarsRef> hostvarsRefs() { return hostvarsRefs; }

    @Override
    public Object render(Map<String, Object> scope) {
        if (isConstant()) return text;
        if (singleExpression) return expressions().get(0).evaluate(scope);
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            Object value = part instanceof Expression e ? e.evaluate(scope) : part;
            if (value != null) out.append(value);
        }
        return out.toString();
    }

    @Override
    public String toString() { return text; }
}
