package dev.rigger.cli;

import dev.rigger.engine.inventory.SshArgs;
import dev.rigger.engine.compile.CompileOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options that choose what to compile: inventory, playbooks, limit, tags, extra vars. */
final class Targeting {
    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "Inventory file (Ansible INI or YAML), folder (every inventory file in it) or host list 'h1,h2,'. Repeatable; default: ansible.cfg's inventory.")
    List<String> inventory = List.of();

    @Parameters(arity = "1..*", paramLabel = "PLAYBOOK", description = "Playbook files, run in order.")
    List<Path> playbooks;

    /** lookup('pipe') runs a command on this machine: only when the operator says so for this run. */
    @Option(names = "--allow-pipe-lookup",
            description = "Let lookup('pipe', CMD) run CMD on this machine (off by default; or RIGGER_ALLOW_PIPE_LOOKUP=1).")
    void allowPipeLookup(boolean on) {
        dev.rigger.engine.expr.PipeLookup.allow(on);
    }

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "Only hosts matching this pattern.")
    String limit;

    @Option(names = {"-t", "--tags"}, split = ",", paramLabel = "TAGS", description = "Only tasks with these tags.")
    List<String> tags = List.of();

    @Option(names = "--skip-tags", split = ",", paramLabel = "TAGS", description = "Never tasks with these tags.")
    List<String> skipTags = List.of();

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Connect as USER where no ansible_user variable says otherwise (as ansible-playbook's -u).")
    String user;

    @Option(names = {"--private-key", "--key-file"}, paramLabel = "FILE", description = "SSH private key where no ansible_ssh_private_key_file variable gives one.")
    Path privateKey;

    @Option(names = {"-c", "--connection"}, paramLabel = "ssh|local", description = "Connection type where no ansible_connection variable gives one: ssh or local.")
    String connection;

    @Option(names = {"-b", "--become"}, description = "Run every task as root (sudo) unless it says become: false.")
    boolean become;

    @Option(names = "--become-user", paramLabel = "USER", description = "Whom tasks that become become where neither they, their blocks nor their play say become_user (default root).")
    String becomeUser;

    @Option(names = "--become-method", paramLabel = "METHOD", description = "sudo (default) or su, where neither a task, its blocks nor its play say become_method.")
    String becomeMethod;

    @Option(names = {"--ssh-common-args", "--ssh-extra-args", "--scp-extra-args", "--sftp-extra-args"}, paramLabel = "ARGS",
            description = "OpenSSH -o options, as ansible-playbook's: UserKnownHostsFile and StrictHostKeyChecking=yes|accept-new are used;"
                    + " options for OpenSSH's own connections (ControlPersist, ServerAliveInterval, ...) are noted as not needed;"
                    + " anything turning host-key checks off, a jump host, another key, port or user is refused.")
    List<String> sshArgs = List.of();

    @Option(names = "--force-handlers", description = "A host that failed still runs the handlers notified before (plays that say force_handlers decide for themselves).")
    boolean forceHandlers;

    /** --force-handlers, else ansible.cfg's force_handlers. */
    boolean forcesHandlers() {
        return forceHandlers || AnsibleConfig.current().forceHandlers();
    }

    @Option(names = "--start-at-task", paramLabel = "NAME", description = "Leave out the tasks before the first one named NAME (or matching it as a glob).")
    String startAtTask;

    @Option(names = "--flush-cache", description = "Accepted, nothing to do: Rigger keeps no fact cache between runs.")
    boolean flushCache;

    @Option(names = {"-M", "--modules", "--module-path"}, paramLabel = "DIR|JAR", description = "Load modules from these jars, or every jar in these folders (a modules/ folder beside a playbook is always used).")
    List<Path> modules = List.of();

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS", description = "k=v, JSON/YAML mapping, or @file.yml; beats every other variable.")
    List<String> extraVars = List.of();

    @Option(names = "--secret-var", paramLabel = "NAME",
            description = "Mask this variable's value in every output, in every play (as a play's secret_vars).")
    List<String> secretVars = List.of();

    /** --modules paths, then a modules/ folder beside each playbook when there is one. */
    List<Path> moduleSources() {
        List<Path> out = new java.util.ArrayList<>(modules);
        for (Path pb : playbooks) Workspace.modulesBeside(pb).filter(b -> !out.contains(b)).ifPresent(out::add);
        return out;
    }

    /**
     * Refuses what Rigger cannot do as asked, before anything is read: an option accepted and
     * then ignored would run something else than the operator meant.
     */
    void refuseUnsupported(CommandSpec spec) {
        if (connection != null && !connection.equals("ssh") && !connection.equals("local")) {
            refuse(spec, "-c " + connection + ": only the ssh and local connections exist in Rigger");
        }
        AnsibleConfig cfg = AnsibleConfig.current();
        String bu = becomeUser();
        String bm = becomeMethod();
        String from = becomeMethod != null ? "" : " (" + cfg.file() + ", [privilege_escalation])";
        if (bm != null && !bm.equals("sudo") && !bm.equals("su")) {
            refuse(spec, "--become-method " + bm + from + ": only sudo and su are implemented");
        }
        if (bu != null && !bu.matches("[A-Za-z0-9_][A-Za-z0-9_.@-]*\\$?")) {
            refuse(spec, "--become-user '" + bu + "'" + (becomeUser != null ? "" : " (" + cfg.file() + ", [privilege_escalation])") + ": no user name");
        }
        try {
            SshArgs.parse(sshArgs);
        } catch (IllegalArgumentException e) {
            refuse(spec, "--ssh-common-args/--ssh-extra-args " + e.getMessage());
        }
    }

    /** --ssh-common-args/--ssh-extra-args as Rigger's SSH client honours them (checked by {@link #refuseUnsupported}). */
    SshArgs sshArgs() {
        return sshArgs.isEmpty() ? SshArgs.NONE : SshArgs.parse(sshArgs);
    }

    /** --become-user, else ansible.cfg's become_user; null: root. */
    String becomeUser() {
        return becomeUser != null ? becomeUser : AnsibleConfig.current().becomeUser();
    }

    /** --become-method, else ansible.cfg's become_method; null: sudo. */
    String becomeMethod() {
        return becomeMethod != null ? becomeMethod : AnsibleConfig.current().becomeMethod();
    }

    /** Null for Rigger's default (root, sudo), so that only a real change of whom or how stands as an option. */
    private static String orNull(String value, String byDefault) {
        return byDefault.equals(value) ? null : value;
    }

    private static void refuse(CommandSpec spec, String why) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), why);
    }

    /** The -i sources, else ansible.cfg's inventory; none at all ends the command saying how to give one. */
    List<String> inventories(CommandSpec spec) {
        return inventories(inventory, spec);
    }

    static List<String> inventories(List<String> given, CommandSpec spec) {
        if (!given.isEmpty()) return given;
        AnsibleConfig cfg = AnsibleConfig.current();
        if (!cfg.inventory().isEmpty()) return cfg.inventory();
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no inventory: give -i INVENTORY"
                + (cfg.file() == null ? ", or set inventory in ansible.cfg" : " (" + cfg.file() + " sets no inventory)"));
    }

    /** What -u, --private-key and -c set (else ansible.cfg's remote_user, private_key_file): defaults under every host's own variables. */
    Map<String, Object> hostDefaults() {
        AnsibleConfig cfg = AnsibleConfig.current();
        Map<String, Object> d = new LinkedHashMap<>();
        String u = user != null ? user : cfg.remoteUser();
        Path key = privateKey != null ? privateKey : cfg.privateKeyFile();
        if (u != null) d.put("ansible_user", u);
        if (key != null) d.put("ansible_ssh_private_key_file", key.toAbsolutePath().normalize().toString());
        if (connection != null) d.put("ansible_connection", connection);
        return d;
    }

    /** @param vault reads {@code -e @file} when it is (or holds) a vault */
    CompileOptions compileOptions(CommandSpec spec, dev.rigger.engine.vault.VaultReader vault) {
        refuseUnsupported(spec);
        Map<String, Object> extra = new LinkedHashMap<>();
        for (String e : extraVars) extra.putAll(ExtraVars.parse(e, spec, vault));
        Set<String> t = new LinkedHashSet<>(tags);
        Set<String> s = new LinkedHashSet<>(skipTags);
        return new CompileOptions(extra, limit, t, s, new LinkedHashSet<>(secretVars)).withBecome(become || Boolean.TRUE.equals(AnsibleConfig.current().become()))
                .withStartAtTask(startAtTask).withBecomeAs(orNull(becomeUser(), "root"), orNull(becomeMethod(), "sudo"));
    }
}
