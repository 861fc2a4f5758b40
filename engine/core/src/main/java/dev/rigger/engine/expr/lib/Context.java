package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.Budget;
import java.nio.file.Path;
import java.util.Map;

/** What a filter, test or function may use besides its arguments; supplied by the evaluator. */
public interface Context {
    /** Charge what you build: {@code ctx.budget().charge(result.length())} before building it. */
    Budget budget();

    /** Another filter by name, for {@code map('upper')}. */
    Object filter(String name, Object input, Args args);

    /** A test by name, for {@code select('match', 'x')}. */
    boolean test(String name, Object value, Args args);

    /** Every variable visible to the expression (for {@code lookup('vars', ...)}). */
    Map<String, Object> variables();

    /** Where relative paths of lookups resolve last (the playbook's folder); null when there is none. */
    Path baseDir();

    /**
     * Where lookups look first, in order (Ansible's {@code ansible_search_path}: the role's folder, then
     * the task file's), before {@link #baseDir()}.
     */
    default java.util.List<Path> searchPath() {
        return java.util.List.of();
    }

    /** Renders template text with the same variables (for {@code lookup('template', ...)}). */
    String renderTemplate(String text, String sourceName);

    /** True when {@code lookup('pipe', ...)} was allowed by the operator. */
    boolean pipeAllowed();
}
