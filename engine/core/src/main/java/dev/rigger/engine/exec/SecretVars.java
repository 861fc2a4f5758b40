package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.compile.CompiledTask;
import dev.rigger.engine.compile.TaskNode;
import dev.rigger.engine.model.Play;
import dev.rigger.engine.report.Masker;
import java.util.Map;
import java.util.Set;

/**
 * Variables marked secret (a play's {@code secret_vars}, {@code --secret-var}): their values,
 * as rendered for each host, are taught to the masker before the task that sees them reports
 * anything; a registered result so marked is taught as soon as the task registering it ends.
 */
public final class SecretVars {
    /** Connection passwords, as Ansible names them: always secret. */
    static final java.util.List<String> BECOME_PASSWORDS = java.util.List.of("ansible_become_password", "ansible_become_pass");
    public static final java.util.List<String> ALWAYS = java.util.List.of("ansible_become_password", "ansible_become_pass",
            "ansible_password", "ansible_ssh_pass");
    private final Set<String> everywhere;
    private final Masker masker;

    SecretVars(Set<String> everywhere, Masker masker) {
        this.everywhere = everywhere;
        this.masker = masker;
    }

    /**
     * Before the run prints anything: every secret variable whose value is known without running
     * a task, on every host and play (preflight messages, the first task's name). One that
     * depends on a result not known yet is learnt before the task that reads it.
     */
    void learnKnown(CompiledRun run, VarScope scopes) {
        for (String host : run.graph().hosts()) {
            Set<Play> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (TaskNode n : run.graph().nodes(host)) {
                if (!seen.add(n.task().play())) continue;
                try {
                    learn(n.task(), scopes.forPlay(host, n.task().playVars(), Map.of()));
                } catch (RuntimeException e) {
                    // a variable that reads a registered result: learnt before its task instead
                }
            }
        }
    }

    /** Before a task runs: every secret variable in its scope. */
    void learn(CompiledTask t, Map<String, Object> scope) {
        for (String name : ALWAYS) masker.addLeaves(scope.get(name));
        for (String name : everywhere) masker.addLeaves(scope.get(name));
        for (String name : t.play().secretVars()) masker.addLeaves(scope.get(name));
    }

    /** After a task ran: its registered result, when the name it registers under is secret. */
    void learnRegistered(CompiledTask t, Object registered) {
        String name = t.task().register();
        if (name != null && (everywhere.contains(name) || t.play().secretVars().contains(name))) masker.addLeaves(registered);
    }
}
