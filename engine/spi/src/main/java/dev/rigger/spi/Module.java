package dev.rigger.spi;

import java.util.List;

/**
 * A unit of desired state: one task in a playbook calls one module. <b>Stable.</b>
 *
 * <p>A module declares its parameters once ({@link #spec()}), reads the host's current state
 * through read-only probes on {@link Host}, and answers with a {@link Change}: nothing to do,
 * unknown (with a reason), or before/after records plus the {@link Step}s that realise them.
 * The engine runs the steps, so check mode never touches a host and secrets, privilege
 * escalation and timeouts are handled in one place. A module never writes to a host itself.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: one class plus one line in
 * {@code META-INF/services/dev.rigger.spi.Module}. They must be stateless and thread-safe; the
 * engine calls {@link #plan} for many hosts at once.
 */
public interface Module {

    /** The name tasks use, e.g. {@code file}. */
    String name();

    /** Other names, e.g. {@code ansible.builtin.file}, so existing playbooks read as they are. */
    default List<String> aliases() {
        return List.of();
    }

    /** One-line description for {@code rigger modules} and {@code rigger doc}. */
    String summary();

    /** The parameters; the engine validates every task against it before touching any host. */
    ParamSpec spec();

    /** Example tasks in YAML for {@code rigger doc}; empty when there are none. */
    default String examples() {
        return "";
    }

    /** The module's version for {@code rigger modules}: by default its jar's Implementation-Version. */
    default String version() {
        String v = getClass().getPackage().getImplementationVersion();
        return v == null ? "unversioned" : v;
    }

    /**
     * Computes what must change on {@code host} for {@code params} to hold. Pure apart from
     * the probes; called in check mode, before apply, and after apply to prove convergence.
     *
     * @throws ModuleException when the parameters cannot be satisfied on this host
     */
    Change plan(Params params, Host host);

    /**
     * Outputs known only once the steps ran (e.g. a join command printed by an init command),
     * merged into the task's registered result. The default derives nothing.
     */
    default java.util.Map<String, Object> outputs(Params params, List<StepResult> results) {
        return java.util.Map.of();
    }
}
