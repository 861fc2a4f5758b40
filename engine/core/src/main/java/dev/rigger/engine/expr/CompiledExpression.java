package dev.rigger.engine.expr;

import dev.rigger.engine.diag.Location;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mvel2.MVEL;
import org.mvel2.integration.impl.MapVariableResolverFactory;

/** An expression that passed the sandbox and MVEL's compiler; evaluates against a scope Map only. */
final class CompiledExpression implements Expression {
    private final String source;
    private final Location location;
    private final Serializable compiled;
    private final Set<String> rootNames;
    private final List<AccessPath> paths;
    private final List<HostvarsRef> hostvarsRefs;
    /** Null when nothing in the expression can run long: evaluated on the caller's thread, no handoff. */
    private final TimeLimit timeLimit;

    CompiledExpression(String source, Location location, Serializable compiled,
                       ExpressionAnalyzer.Analysis analysis, TimeLimit timeLimit) {
        this.source = source;
        this.location = location;
        this.compiled = compiled;
        this.rootNames = Set.copyOf(analysis.rootNames());
        this.paths = analysis.paths();
        this.hostvarsRefs = List.copyOf(analysis.hostvarsRefs());
        this.timeLimit = analysis.bounded() ? null : timeLimit;
    }

    @Override public String source() { return source; }
    @Override public Location location() { return location; }
    @Override public Set<String> rootNames() { return rootNames; }
    @Override public List<HostvarsRef> hostvarsRefs() { return hostvarsRefs; }

    @Override
    public Object evaluate(Map<String, Object> scope) {
        return timeLimit == null ? evaluateNow(scope) : timeLimit.run(location, () -> evaluateNow(scope));
    }

    private Object evaluateNow(Map<String, Object> scope) {
        // Every root must be present: an absent root could let MVEL fall back to loading a class by that name.
        for (String root : rootNames) {
            if (!scope.containsKey(root)) {
                throw new ExpressionException(location, "undefined variable '" + root + "' in '" + source + "'");
            }
        }
        for (AccessPath path : paths) path.requireKnown(scope);
        Object result;
        try {
            result = MVEL.executeExpression(compiled, new MapVariableResolverFactory(StrictViews.scopeView(scope)));
        } catch (RuntimeException e) {
            throw RuntimeErrors.translate(e, source, location, paths, scope);
        }
        Object plain = StrictViews.unwrap(result);
        Values.requireNoUnknown(plain);
        return plain;
    }

    @Override
    public String toString() { return source; }
}
