package dev.rigger.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rigger}: the command line only wires the engine's stages together. */
@Command(name = "rigger", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Desired-state configuration: YAML playbooks compiled to a DAG, planned and applied over SSH.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all hosts ok", "1:error", "2:a task failed on a host", "3:a host was unreachable",
                "4:parse or validation error (no host touched)", "5:bad options"})
public final class Main implements Runnable {
    /**
     * The subcommands in the order help lists them, each made only when needed: picocli reads a
     * command's annotations when it is added, tens of milliseconds for all of them at every start.
     */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> COMMANDS = commands();

    private static java.util.Map<String, java.util.function.Supplier<Object>> commands() {
        java.util.Map<String, java.util.function.Supplier<Object>> c = new java.util.LinkedHashMap<>();
        c.put("play", PlayCommand::new);
        c.put("plan", PlanCommand::new);
        c.put("show", ShowCommand::new);
        c.put("apply", ApplyCommand::new);
        c.put("vault", VaultCommand::new);
        c.put("graph", GraphCommand::new);
        c.put("inventory", InventoryCommand::new);
        c.put("modules", ModulesCommand::new);
        c.put("keeper", KeeperCommand::new);
        c.put("doc", DocCommand::new);
        c.put("new-module", NewModuleCommand::new);
        c.put("help", CommandLine.HelpCommand::new);
        return java.util.Collections.unmodifiableMap(c);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        AnsibleConfig.reset();
        CommandLine cl = commandLine(args);
        cl.setExpandAtFiles(false); // "-e @vars.yml" names a vars file, as in ansible-playbook
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("rigger: " + ex.getMessage());
            CommandLine at = ex.getCommandLine();
            at.getErr().println("(see '" + at.getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.BAD_OPTIONS;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            if (ex instanceof ExitException ee) return ee.code();
            c.getErr().println("rigger: internal error: " + ex);
            if (System.getenv("RIGGER_DEBUG") != null) ex.printStackTrace(c.getErr());
            return ExitCodes.ERROR;
        });
        return cl.execute(args);
    }

    /**
     * The command line with the subcommand {@code args} name, or with all of them when they name
     * none (help, the usage, an unknown command's suggestions). Settings go on it afterwards:
     * picocli hands them only to the subcommands it has at that moment.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        java.util.function.Supplier<Object> named = args.length == 0 || args[0].equals("help") ? null : COMMANDS.get(args[0]);
        if (named != null) cl.addSubcommand(named.get());
        else COMMANDS.values().forEach(c -> cl.addSubcommand(c.get()));
        return cl;
    }

    @Override
    public void run() {
        commandLine().usage(System.out);
    }
}
