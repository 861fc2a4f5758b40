package dev.rigger.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.rigger.engine.inventory.Inventory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rigger inventory --list|--host H|--graph [GROUP]}: the inventory as ansible-inventory prints it. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Show an inventory as ansible-inventory does: --list (JSON, or YAML with --yaml), --host HOST, --graph [GROUP].")
final class InventoryCommand implements Callable<Integer> {
    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "Inventory file, folder or host list 'h1,h2,'. Repeatable; default: ansible.cfg's inventory.")
    List<String> inventory = List.of();

    @picocli.CommandLine.Mixin
    VaultOptions vault;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--list", description = "Print groups, their hosts and children, and every host's variables.")
        boolean list;

        @Option(names = "--host", paramLabel = "HOST", description = "Print one host's variables.")
        String host;

        @Option(names = "--graph", description = "Print the groups as a tree, from GROUP (default all).")
        boolean graph;
    }

    @Parameters(arity = "0..1", paramLabel = "GROUP", description = "With --graph: the group to start at (default: all).")
    String group;

    @Option(names = "--playbook-dir", paramLabel = "DIR", description = "Also read group_vars/ and host_vars/ in DIR, over the inventory's (as a playbook there would).")
    java.nio.file.Path playbookDir;

    @Option(names = {"-y", "--yaml"}, description = "With --list or --host: YAML instead of JSON.")
    boolean yaml;

    @Option(names = "--vars", description = "With --graph: show variables too.")
    boolean showVars;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Inputs in = vault.inputs(new dev.rigger.engine.report.Masker());
        Inventory inv = Workspace.inventory(Targeting.inventories(inventory, spec),
                playbookDir == null ? List.of() : List.of(playbookDir), System.err, in);
        for (String h : inv.hostNames()) {
            Map<String, Object> vars = inv.host(h).orElseThrow().vars();
            dev.rigger.engine.exec.SecretVars.ALWAYS.forEach(n -> in.masker().addLeaves(vars.get(n)));
        }
        InventoryListing listing = new InventoryListing(inv);
        String text;
        if (action.graph) {
            String start = group == null ? "all" : group;
            if (!inv.groupChildren().containsKey(start)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--graph " + start + ": no such group in the inventory");
            }
            text = String.join("\n", listing.graph(start, showVars));
        } else if (action.host != null) {
            if (!inv.hostNames().contains(action.host)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--host " + action.host + ": no such host in the inventory");
            }
            text = write(new TreeMap<>(inv.host(action.host).orElseThrow().vars()));
        } else {
            text = write(yaml ? listing.yaml() : listing.list());
        }
        // values from vault files and connection passwords are shown masked, as everywhere else
        System.out.println(in.masker().mask(text.stripTrailing()));
        return ExitCodes.OK;
    }

    /** JSON indented by 4 as Python's json.dumps(indent=4), or YAML. */
    private String write(Object tree) throws Exception {
        if (yaml) {
            YAMLFactory f = YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
            return new ObjectMapper(f).writeValueAsString(tree);
        }
        DefaultIndenter four = new DefaultIndenter("    ", "\n");
        Separators python = Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("").withArrayEmptySeparator("");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(python).withObjectIndenter(four).withArrayIndenter(four);
        return new ObjectMapper().writer(pp).writeValueAsString(tree);
    }
}
