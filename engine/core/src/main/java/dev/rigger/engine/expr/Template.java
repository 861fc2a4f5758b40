package dev.rigger.engine.expr;

import dev.rigger.engine.diag.Location;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A string value that may contain {@code {{ expr }}} parts. */
public interface Template {
    String text();

    Location location();

    /** True when the text has no {@code {{ }}}: it renders to itself. */
    boolean isConstant();

    Set<String> rootNames();

    List<HostvarsRef> hostvarsRefs();

    /**
     * A text that is exactly one {@code {{ expr }}} (surrounding spaces allowed) renders to the typed
     * value; otherwise the parts are concatenated as strings, {@code null} rendering as "".
     */
    Object render(Map<String, Object> scope);
}
