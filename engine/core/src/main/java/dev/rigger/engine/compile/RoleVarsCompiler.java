package dev.rigger.engine.compile;

import dev.rigger.engine.expr.ExpressionCompiler;
import dev.rigger.engine.model.Play;
import dev.rigger.engine.model.Role;
import dev.rigger.engine.model.Task;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles one play's role variables into {@link RoleLayers}: every role the play exposes
 * (Ansible merges their defaults and vars into every task's scope), the task's own role on top.
 * Values whose templates do not compile are deferred, as play vars are: only a read reports them.
 */
final class RoleVarsCompiler {
    private final ExpressionCompiler ec;
    private final Map<String, Object> playDefaults = new LinkedHashMap<>();
    private final Map<String, Object> playVars = new LinkedHashMap<>();
    private final Map<Role, RoleLayers> byRole = new IdentityHashMap<>();
    private final RoleLayers playLayers;

    RoleVarsCompiler(Play play, ExpressionCompiler ec) {
        this.ec = ec;
        for (Role r : play.roles()) {
            playDefaults.putAll(compile(r.defaults(), r));
            playVars.putAll(compile(r.vars(), r));
        }
        // not Map.copyOf: a role default may be null (geerlingguy.mysql's `mysql_sql_mode: ~`)
        playLayers = new RoleLayers(java.util.Collections.unmodifiableMap(playDefaults), java.util.Collections.unmodifiableMap(playVars), Map.of());
    }

    /** The layers a task sees: the play's roles, with its own role and an include's params on top. */
    RoleLayers forTask(Task t) {
        if (t.role() == null) return playLayers;
        return byRole.computeIfAbsent(t.role(), r -> {
            Map<String, Object> d = new LinkedHashMap<>(playDefaults);
            d.putAll(compile(r.defaults(), r));
            Map<String, Object> v = new LinkedHashMap<>(playVars);
            v.putAll(compile(r.vars(), r));
            return new RoleLayers(d, v, compile(r.params(), r));
        });
    }

    /** Every source of values these layers hold, for {@link ReadClosure}. */
    List<Map<String, Object>> sources() {
        List<Map<String, Object>> out = new java.util.ArrayList<>(List.of(playDefaults, playVars));
        byRole.values().forEach(l -> out.addAll(List.of(l.defaults(), l.vars(), l.params())));
        return out;
    }

    private Map<String, Object> compile(Map<String, Object> values, Role r) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, ValueTree.compileDeferringErrors(v, r.location(), ec)));
        return out;
    }
}
