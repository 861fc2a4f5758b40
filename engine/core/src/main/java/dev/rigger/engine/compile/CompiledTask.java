package dev.rigger.engine.compile;

import dev.rigger.engine.expr.Expression;
import dev.rigger.engine.expr.HostvarsRef;
import dev.rigger.engine.expr.Template;
import dev.rigger.engine.model.Play;
import dev.rigger.engine.model.Task;
import dev.rigger.spi.Module;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task made ready to run: its module found, its arguments and expressions compiled and
 * checked. Shared by the task's nodes on every host.
 *
 * @param args      argument values, templates inside ({@link ValueTree})
 * @param loop      the loop's items as a value tree, or null
 * @param playVars  the play's vars (vars_files merged) as value trees, shared by its tasks
 * @param vars      task vars as value trees
 * @param reads     every root name the task's expressions read
 * @param hostvars  every {@code hostvars[..].x} read, for cross-host edges
 * @param roles     variables from the play's roles and the task's own
 * @param until     the {@code until} conditions (empty without until)
 * @param ignoreErrorsIf {@code ignore_errors} as a template (rendered per host), or null
 * @param noLogIf   {@code no_log} as a template (rendered per host), or null
 * @param delegateTo {@code delegate_to} as a template (rendered per host), or null
 * @param environment the task's {@code environment} layers as value trees, outermost first (see {@link Task#environment})
 * @param becomeUser {@code become_user} as a template (rendered per host), or null: root
 */
public record CompiledTask(Task task, Play play, Module module, Map<String, Object> args,
                           List<Expression> when, Object loop, Expression changedWhen,
                           Expression failedWhen, Map<String, Object> playVars, Map<String, Object> vars, Set<String> reads,
                           List<HostvarsRef> hostvars, boolean become, RoleLayers roles, List<Expression> until,
                           Template ignoreErrorsIf, Template noLogIf, Template delegateTo,
                           List<Object> environment, Template becomeUser) {

    public CompiledTask(Task task, Play play, Module module, Map<String, Object> args,
                        List<Expression> when, Object loop, Expression changedWhen,
                        Expression failedWhen, Map<String, Object> playVars, Map<String, Object> vars, Set<String> reads,
                        List<HostvarsRef> hostvars, boolean become, RoleLayers roles) {
        this(task, play, module, args, when, loop, changedWhen, failedWhen, playVars, vars, reads, hostvars, become, roles, List.of(),
                null, null, null, List.of(), null);
    }

    public CompiledTask(Task task, Play play, Module module, Map<String, Object> args,
                        List<Expression> when, Object loop, Expression changedWhen,
                        Expression failedWhen, Map<String, Object> playVars, Map<String, Object> vars, Set<String> reads,
                        List<HostvarsRef> hostvars, boolean become) {
        this(task, play, module, args, when, loop, changedWhen, failedWhen, playVars, vars, reads, hostvars, become, RoleLayers.NONE);
    }

    public String name() {
        return task.displayName();
    }
}
