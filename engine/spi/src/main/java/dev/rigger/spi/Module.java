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
 * <p>Implementations are found with {@link java.util.ServiceLoader}: one class with a public
 * no-argument constructor plus one line in {@code META-INF/services/dev.rigger.spi.Module}. A jar
 * given on the command line gets its own class loader that sees only this SPI and the JDK, so
 * it must bring its own libraries. Implementations must be stateless and thread-safe; the
 * engine calls {@link #plan} for many hosts at once, and again for the same task after apply,
 * so nothing may be carried from one call to the next. Import this type explicitly:
 * {@code import dev.rigger.spi.*} makes {@code Module} ambiguous with {@code java.lang.Module}.
 */
public interface Module {

    /**
     * The name tasks use, e.g. {@code file}.
     *
     * @return the primary name: lower-case letters, digits, {@code _ . -}; unique among the
     *         loaded modules (a clash makes the later one unusable)
     */
    String name();

    /**
     * Other names, e.g. {@code ansible.builtin.file}, so existing playbooks read as they are.
     *
     * @return the alternative names; empty by default
     */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * One-line description for {@code rigger modules} and {@code rigger doc}.
     *
     * @return a single line, without a trailing newline
     */
    String summary();

    /**
     * The parameters; the engine validates every task against it before touching any host.
     *
     * @return the declared parameters, the same on every call
     */
    ParamSpec spec();

    /**
     * Example tasks in YAML for {@code rigger doc}; empty when there are none.
     *
     * @return YAML text, or {@code ""}
     */
    default String examples() {
        return "";
    }

    /**
     * The module's version for {@code rigger modules}: by default its jar's Implementation-Version.
     *
     * @return the version, or {@code unversioned} when the jar's manifest has none
     */
    default String version() {
        String v = getClass().getPackage().getImplementationVersion();
        return v == null ? "unversioned" : v;
    }

    /**
     * Computes what must change on {@code host} for {@code params} to hold. Pure apart from
     * the probes; called once to plan (in check mode, or right before apply) and, after a
     * change was applied, once more to prove convergence.
     * Because the same call both previews and verifies, a plan must depend only on its
     * arguments and on what the probes report.
     *
     * @param params the task's validated, converted parameter values
     * @param host   read-only access to the host being planned
     * @return the change needed; {@link Change#none()} when the host already matches
     * @throws ModuleException when the parameters cannot be satisfied on this host
     */
    Change plan(Params params, Host host);

    /**
     * The probes {@link #plan} asks first, known from the arguments alone. The engine asks them
     * ahead, together with the first probes of the host's other coming tasks, in one round trip,
     * and after a change in the same round trip as the last step; a {@link Host#probe} call of
     * {@code plan} asking these probes is then answered without a round trip of its own. Declaring
     * them is optional and only about speed: by default none are declared and {@code plan} asks
     * the host when it runs; probes declared but not asked, or asked differently, are simply not
     * used. Must not touch the host; may read local files through {@code params} (the engine
     * gives the same {@link Params} to this and to both calls of {@link #plan} for a task, and
     * reads each local file and renders each template once). A module's tests can check the
     * declaration with the testkit's {@code ModuleTester.assertFirstProbesDeclared}.
     *
     * @param params the task's validated, converted parameter values, as {@link #plan} gets them
     * @return the probes of {@code plan}'s first {@link Host#probe} call, in its order; empty by default
     */
    default List<Probe> firstProbes(Params params) {
        return List.of();
    }

    /**
     * Outputs known only once the steps ran (e.g. a join command printed by an init command),
     * merged into the task's registered result. The default derives nothing.
     *
     * @param params  the task's parameter values, as given to {@link #plan}
     * @param results the results of the change's steps, in order; all succeeded
     * @return named values to register, overriding the change's own outputs of the same name
     */
    default java.util.Map<String, Object> outputs(Params params, List<StepResult> results) {
        return java.util.Map.of();
    }
}
