package dev.rigger.engine.compile;

import dev.rigger.engine.inventory.Inventory;
import java.util.List;
import java.util.Map;

/**
 * Everything the executor needs, checked: the DAG, the inventory, and variable trees per
 * source (templates compiled, rendered per host at run time).
 *
 * @param hostVars   inventory variables per host, as value trees
 * @param extraVars  {@code -e} variables, as value trees
 * @param checks     per play: facts to gather and preflight rules, run before any change
 * @param secretVars variables secret in every play ({@code --secret-var}); plays add their own
 * @param gathering  per play that gathers Ansible facts the run reads: its hosts and what to gather
 */
public record CompiledRun(ExecutionGraph graph, Inventory inventory, Map<String, Map<String, Object>> hostVars,
                          Map<String, Object> extraVars, List<PlayChecks> checks, java.util.Set<String> secretVars,
                          List<FactGathering> gathering) {

    public CompiledRun(ExecutionGraph graph, Inventory inventory, Map<String, Map<String, Object>> hostVars,
                       Map<String, Object> extraVars, List<PlayChecks> checks, java.util.Set<String> secretVars) {
        this(graph, inventory, hostVars, extraVars, checks, secretVars, List.of());
    }
}
