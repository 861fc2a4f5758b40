package dev.rigger.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rigger}: the command line only wires the engine's stages together. */
@Command(name = "rigger", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Desired-state configuration: YAML playbooks compiled to a DAG, planned and applied over SSH.",
        subcommands = {PlayCommand.class, PlanCommand.class, ShowCommand.class, ApplyCommand.class, VaultCommand.class, GraphCommand.class, InventoryCommand.class, ModulesCommand.class, KeeperCommand.class,
                DocCommand.class, NewModuleCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all hosts ok", "1:error", "2:a task failed on a host", "3:a host was unreachable",
                "4:parse or validation error (no host touched)", "5:bad options"})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        AnsibleConfig.reset();
        CommandLine cl = new CommandLine(new Main());
        cl.setExpandAtFiles(false); // "-e @vars.yml" names a vars file, as in ansible-playbook
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("rigger: " + ex.getMessage());
            ex.getCommandLine().getErr().println("(see 'rigger " + ex.getCommandLine().getCommandName() + " --help')");
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

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
