package dev.rigger.engine.model;

import dev.rigger.engine.diag.Location;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One play: a host pattern and the tasks to run there. {@code vars} holds the play's vars with
 * its {@code vars_files} already merged over them (vars_files win, as in Ansible).
 */
public record Play(String name, String hosts, Map<String, Object> vars, boolean become,
                   List<Task> preTasks, List<Task> tasks, List<Task> postTasks,
                   List<Task> handlers, Path baseDir, Location location) {

    public Play {
        preTasks = List.copyOf(preTasks);
        tasks = List.copyOf(tasks);
        postTasks = List.copyOf(postTasks);
        handlers = List.copyOf(handlers);
    }

    /** The sections in run order; handlers flush after each one that notified them. */
    public List<List<Task>> sections() {
        return List.of(preTasks, tasks, postTasks);
    }
}
