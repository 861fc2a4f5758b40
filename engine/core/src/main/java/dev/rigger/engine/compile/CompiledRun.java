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
 * @param othersFactsRead whether a task may read another host's variables ({@code hostvars}), or which
 *                   hosts are in the play ({@code ansible_play_hosts}, {@code ansible_play_batch}: a
 *                   host whose gathering fails is left out of them): then every
 *                   host gathers its facts before any host's first task, as Ansible's linear
 *                   strategy does; else each host starts its tasks as soon as its own facts are in
 */
public record CompiledRun(ExecutionGraph graph, Inventory inventory, Map<String, Map<String, Object>> hostVars,
                          Map<String, Object> extraVars, List<PlayChecks> checks, java.util.Set<String> secretVars,
                          List<FactGathering> gathering, boolean othersFactsRead) {

    public CompiledRun(ExecutionGraph graph, Inventory inventory, Map<String, Map<String, Object>> hostVars,
                       Map<String, Object> extraVars, List<PlayChecks> checks, java.util.Set<String> secretVars) {
        this(graph, inventory, hostVars, extraVars, checks, secretVars, List.of(), false);
    }
}
