package dev.rigger.engine.compile;

import dev.rigger.engine.diag.Diagnostic;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.ExpressionException;
import dev.rigger.engine.expr.HostvarsRef;
import dev.rigger.engine.expr.Template;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An inventory or extra variable whose template does not compile. Ansible templates such values
 * only when they are read, so one that no task reads must not stop the run; one that is read
 * fails there with the compiler's own diagnostic.
 */
record DeferredError(String text, Diagnostic diagnostic) implements Template {
    @Override public Location location() { return diagnostic.location(); }
    @Override public boolean isConstant() { return false; }
    @Override public Set<String> rootNames() { return Set.of(); }
    @Override public List<HostvarsRef> hostvarsRefs() { return List.of(); }

    @Override
    public Object render(Map<String, Object> scope) {
        throw new ExpressionException(diagnostic.location(), diagnostic.message());
    }
}
