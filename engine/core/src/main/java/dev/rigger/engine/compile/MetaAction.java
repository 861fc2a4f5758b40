package dev.rigger.engine.compile;

import dev.rigger.engine.model.Task;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code meta} task, which is no module: its action is the engine's. flush_handlers
 * cuts the section's handlers in two ({@link GraphBuilder}); the others plan nothing on the host and the
 * walker acts on their result (end_host, clear_facts, clear_host_errors; noop does nothing). Not registered as a
 * module: the compiler uses it for a task whose {@link Task#metaAction()} is set.
 */
final class MetaAction implements Module {
    static final MetaAction INSTANCE = new MetaAction();
    private static final ParamSpec SPEC = ParamSpec.builder().freeForm()
            .add(Param.choice("action", Task.META_ACTIONS.toArray(String[]::new)).aliases("_raw")).requireOneOf("action").build();

    private MetaAction() { }

    @Override
    public String name() { return "meta"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.meta", "ansible.legacy.meta"); }

    @Override
    public String summary() { return "Ansible's meta actions the engine runs: flush_handlers, end_host, end_play, end_batch, clear_facts, clear_host_errors, reset_connection, noop"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public Change plan(Params params, Host host) {
        return Change.none(Map.of());
    }
}
