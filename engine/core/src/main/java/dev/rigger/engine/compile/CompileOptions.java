package dev.rigger.engine.compile;

import java.util.Map;
import java.util.Set;

/**
 * What the operator asked for on the command line that shapes the graph.
 *
 * @param extraVars  {@code -e} values: they beat every other variable
 * @param limit      {@code -l} host pattern, or null
 * @param tags       run only tasks with one of these tags (empty: all)
 * @param skipTags   never run tasks with these tags
 * @param secretVars {@code --secret-var}: variables masked in every output, in every play
 */
public record CompileOptions(Map<String, Object> extraVars, String limit, Set<String> tags, Set<String> skipTags,
                             Set<String> secretVars) {
    public CompileOptions(Map<String, Object> extraVars, String limit, Set<String> tags, Set<String> skipTags) {
        this(extraVars, limit, tags, skipTags, Set.of());
    }

    public static CompileOptions defaults() {
        return new CompileOptions(Map.of(), null, Set.of(), Set.of());
    }
}
