package dev.rigger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rigger.engine.inventory.Inventory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rigger inventory --list}: the inventory as ansible-inventory prints it. */
@Command(name = "inventory", mixinStandardHelpOptions = true, description = "Show an inventory as JSON, like ansible-inventory --list.")
final class InventoryCommand implements Callable<Integer> {
    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY")
    Path inventory;

    @picocli.CommandLine.Mixin
    VaultOptions vault;

    @Option(names = "--list", required = true, description = "Print groups, their hosts and children, and every host's variables.")
    boolean list;

    @Override
    public Integer call() throws Exception {
        Inputs in = vault.inputs(new dev.rigger.engine.report.Masker());
        Inventory inv = Workspace.inventory(inventory, System.err, in);
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> hostvars = new LinkedHashMap<>();
        for (String h : inv.hostNames()) {
            Map<String, Object> vars = inv.host(h).orElseThrow().vars();
            dev.rigger.engine.exec.SecretVars.ALWAYS.forEach(n -> in.masker().addLeaves(vars.get(n)));
            hostvars.put(h, vars);
        }
        root.put("_meta", Map.of("hostvars", hostvars));
        for (Map.Entry<String, java.util.List<String>> g : inv.groups().entrySet()) {
            Map<String, Object> group = new LinkedHashMap<>();
            var children = inv.groupChildren().getOrDefault(g.getKey(), java.util.List.of());
            if (!children.isEmpty()) group.put("children", children);
            if (children.isEmpty() || g.getKey().equals("all")) group.put("hosts", g.getValue());
            root.put(g.getKey(), group);
        }
        // values from vault files and connection passwords are shown masked, as everywhere else
        System.out.println(in.masker().mask(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)));
        return ExitCodes.OK;
    }
}
