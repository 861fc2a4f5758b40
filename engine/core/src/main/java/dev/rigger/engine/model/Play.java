package dev.rigger.engine.model;

import dev.rigger.engine.diag.Location;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One play: a host pattern and the tasks to run there. {@code vars} holds the play's vars with
 * its {@code vars_files} already merged over them (vars_files win, as in Ansible).
 * {@code roles} are the roles whose defaults and vars every task of the play sees (its
 * {@code roles:}, {@code import_role}s and public {@code include_role}s, as Ansible exposes them).
 * {@code secretVars} names variables (or registered results) whose values are masked in every
 * output, as Terraform's {@code sensitive = true}. {@code rolling}: serial batches and the failure rules over them.
 * {@code gathering}: {@code gather_facts} and {@code gather_subset} (off where a play is made in code).
 */
public record Play(String name, String hosts, Map<String, Object> vars, List<String> secretVars, boolean become,
                   List<Task> preTasks, List<Task> tasks, List<Task> postTasks,
                   List<Task> handlers, Map<String, Task.Expr> facts, List<Rule> preflight,
                   Path baseDir, Location location, List<Role> roles, Rolling rolling, Gathering gathering,
                   List<RemoteUser> remoteUsers) {

    public Play(String name, String hosts, Map<String, Object> vars, List<String> secretVars, boolean become,
                List<Task> preTasks, List<Task> tasks, List<Task> postTasks, List<Task> handlers,
                Map<String, Task.Expr> facts, List<Rule> preflight, Path baseDir, Location location, List<Role> roles,
                Rolling rolling, Gathering gathering) {
        this(name, hosts, vars, secretVars, become, preTasks, tasks, postTasks, handlers, facts, preflight, baseDir,
                location, roles, rolling, gathering, List.of());
    }

    /**
     * A {@code remote_user} written on the play or one of its blocks or tasks: Rigger connects as
     * each host's own user (ansible_user, -u, ansible.cfg), so the compiler accepts it only where
     * it names that user.
     */
    public record RemoteUser(String user, Location location) { }

    public Play(String name, String hosts, Map<String, Object> vars, List<String> secretVars, boolean become,
                List<Task> preTasks, List<Task> tasks, List<Task> postTasks, List<Task> handlers,
                Map<String, Task.Expr> facts, List<Rule> preflight, Path baseDir, Location location, List<Role> roles,
                Rolling rolling) {
        this(name, hosts, vars, secretVars, become, preTasks, tasks, postTasks, handlers, facts, preflight, baseDir,
                location, roles, rolling, Gathering.OFF);
    }

    public Play(String name, String hosts, Map<String, Object> vars, List<String> secretVars, boolean become,
                List<Task> preTasks, List<Task> tasks, List<Task> postTasks, List<Task> handlers,
                Map<String, Task.Expr> facts, List<Rule> preflight, Path baseDir, Location location, List<Role> roles) {
        this(name, hosts, vars, secretVars, become, preTasks, tasks, postTasks, handlers, facts, preflight, baseDir,
                location, roles, Rolling.NONE);
    }

    /**
     * A preflight rule: {@code assertion} (an expression over {@code facts} and variables) must hold on
     * every host of the play before any change of the run; {@code message} says what to do.
     */
    public record Rule(String name, Task.Expr assertion, Task.Expr message, Location location) { }

    public Play {
        secretVars = List.copyOf(secretVars);
        facts = Map.copyOf(facts);
        preflight = List.copyOf(preflight);
        preTasks = List.copyOf(preTasks);
        tasks = List.copyOf(tasks);
        postTasks = List.copyOf(postTasks);
        handlers = List.copyOf(handlers);
        roles = List.copyOf(roles);
        remoteUsers = List.copyOf(remoteUsers);
    }

    public Play(String name, String hosts, Map<String, Object> vars, List<String> secretVars, boolean become,
                List<Task> preTasks, List<Task> tasks, List<Task> postTasks,
                List<Task> handlers, Map<String, Task.Expr> facts, List<Rule> preflight,
                Path baseDir, Location location) {
        this(name, hosts, vars, secretVars, become, preTasks, tasks, postTasks, handlers, facts, preflight, baseDir, location, List.of());
    }

    /** The sections in run order; handlers flush after each one that notified them. */
    public List<List<Task>> sections() {
        return List.of(preTasks, tasks, postTasks);
    }
}
