package dev.rigger.engine.model;

import dev.rigger.engine.diag.Location;
import dev.rigger.engine.yaml.YNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One task as written: a module call plus the keywords around it. Expressions are still source
 * text here; the compiler turns them into checked {@code Expression}s.
 *
 * @param args     the module's arguments as written (a mapping, or a free-form string scalar)
 * @param when     the conditions, all of which must hold (a list in YAML is an "and")
 * @param listen   for handlers: extra topics that notify it
 * @param baseDir  the folder of the file the task was written in ({@code src:} files resolve there)
 */
public record Task(String name, String module, Location moduleLocation, YNode args,
                   List<Expr> when, YNode loop, String loopVar, String register,
                   List<String> notifies, List<String> listen, List<String> tags,
                   boolean ignoreErrors, Expr changedWhen, Expr failedWhen, Boolean checkMode,
                   List<Need> needs, Boolean become, boolean noLog, Map<String, Object> vars,
                   Integer timeout, Path baseDir, Location location) {

    /** An expression's source and where it was written. */
    public record Expr(String source, Location location) { }

    /**
     * An explicit edge: this task runs after task {@code task} on the hosts {@code hosts}
     * selects (null: this task's own host).
     */
    public record Need(String task, String hosts, Location location) { }

    public Task {
        when = List.copyOf(when);
        notifies = List.copyOf(notifies);
        listen = List.copyOf(listen);
        tags = List.copyOf(tags);
        needs = List.copyOf(needs);
    }

    /** The name shown in reports: the given name, or the module call. */
    public String displayName() {
        return name != null ? name : module;
    }
}
