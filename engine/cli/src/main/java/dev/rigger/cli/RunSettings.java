package dev.rigger.cli;

import dev.rigger.engine.inventory.SshArgs;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.exec.Endpoints;
import dev.rigger.engine.exec.Executor;
import dev.rigger.engine.exec.RunOptions;
import dev.rigger.engine.report.ConsoleReporter;
import dev.rigger.engine.report.JsonReport;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.RunListener;
import dev.rigger.engine.report.RunResult;
import dev.rigger.engine.report.RunTimeline;
import dev.rigger.engine.transport.Connector;
import dev.rigger.engine.transport.SshConnection;
import dev.rigger.engine.transport.SshSessions;
import dev.rigger.keeper.KeptSessions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Option;

/** How a run talks to hosts and reports: shared by play, plan and apply. */
final class RunSettings {
    @Option(names = {"-D", "--diff"}, description = "Show before/after of every change.")
    boolean diff;

    @Option(names = {"-f", "--forks"}, description = "Hosts working at once (default: ansible.cfg's forks, else 20).")
    Integer forks;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path reportJson;

    @Option(names = "--report-html", paramLabel = "FILE",
            description = "Also write the report as one self-contained web page: a timeline per host, the fleet summary, grouped changes, failures.")
    Path reportHtml;

    @Option(names = "--timeout", defaultValue = "1800", paramLabel = "SECONDS", description = "Default limit for one command on a host.")
    int timeout;

    @Option(names = {"-T", "--connect-timeout"}, paramLabel = "SECONDS",
            description = "Limit for opening an SSH connection (ansible-playbook's -T; default: ansible.cfg's timeout, else 10). Note: --timeout is the limit for one command.")
    Integer connectTimeout;

    @Option(names = {"-K", "--ask-become-pass"}, description = "Ask for sudo's password on the terminal (as --become-password-file).")
    boolean askBecomePass;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file to check host keys against.")
    Path knownHosts;

    @Option(names = "--accept-new-hostkeys", description = "Trust and record keys of hosts not yet in known_hosts (changed keys are still refused).")
    boolean acceptNew;

    @Option(names = "--retries", defaultValue = "2", paramLabel = "N",
            description = "Try a failing connection N more times, 0.5 s, 1 s, 2 s ... apart (default: ${DEFAULT-VALUE}); a refused host key is never retried.")
    int retries;

    @Option(names = "--ssh-persist", paramLabel = "SECONDS", defaultValue = "${env:RIGGER_SSH_PERSIST:-0}",
            description = "Keep each host's SSH session open SECONDS after the run, for the runs that follow (as OpenSSH's ControlPersist); "
                    + "a session keeper process holds them (see 'rigger keeper'). Default: $RIGGER_SSH_PERSIST, else 0 (off).")
    int sshPersist;

    @Option(names = "--become-password-file", paramLabel = "FILE",
            description = "sudo's password for become, where no ansible_become_password variable gives one (fed on stdin, never shown).")
    Path becomePasswordFile;

    @Option(names = {"-v", "--verbose"}, description = "More detail: -v skipped tasks, outputs and the slowest tasks; -vv each step run; -vvv each probe round trip.")
    boolean[] verbose = new boolean[0];

    final Masker masker = new Masker();

    /** --ssh-common-args/--ssh-extra-args, set by the command from its targeting options. */
    SshArgs ssh = SshArgs.NONE;
    /** --force-handlers (or ansible.cfg's), set by the command from its targeting options. */
    boolean forceHandlers;
    /** --step: the operator's answers before each task, or null. */
    dev.rigger.engine.exec.StepQuestions step;

    /** Runs {@code run} (check or apply) with the console reporter, and the JSON report if asked. */
    RunResult execute(CompiledRun run, boolean check) {
        return execute(run, check, console());
    }

    /**
     * The console reporter: a progress line rewritten in place on a terminal, a plain one every
     * 10 s elsewhere. {@code RIGGER_PROGRESS=tty|plain|off} overrides what is detected. With
     * --step none: it would write over the question.
     */
    ConsoleReporter console() {
        String mode = step != null ? "off" : System.getenv().getOrDefault("RIGGER_PROGRESS", "auto");
        boolean tty = mode.equals("tty") || (mode.equals("auto") && System.console() != null);
        return new ConsoleReporter(System.out, diff, verbose.length, masker, tty, mode.equals("off") ? 0 : 10_000);
    }

    RunResult execute(CompiledRun run, boolean check, RunListener listener) {
        return execute(run, check, listener, null, null);
    }

    /**
     * As above, fingerprinting changes with {@code fingerprintKey} (a saved plan's; null: a fresh
     * one) and, with {@code savedPlan}, applying each task only if it still plans what was saved.
     */
    RunResult execute(CompiledRun run, boolean check, RunListener listener, byte[] fingerprintKey,
                      java.util.List<dev.rigger.engine.report.TaskResult> savedPlan) {
        AnsibleConfig cfg = AnsibleConfig.current();
        int forks = this.forks != null ? this.forks : cfg.forks() != null ? cfg.forks() : 20;
        int connectTimeout = this.connectTimeout != null ? this.connectTimeout : cfg.timeout() != null ? cfg.timeout() : 10;
        // the command line's --known-hosts, then its --ssh-common-args, then ansible.cfg's ssh_args
        boolean acceptNew = this.acceptNew || cfg.hostKeyCheckingOff() || ssh.acceptNew() || cfg.sshArgs().acceptNew();
        Path knownHosts = this.knownHosts != null ? this.knownHosts : ssh.knownHosts() != null ? ssh.knownHosts() : cfg.sshArgs().knownHosts();
        for (String n : cfg.sshArgs().notes()) System.err.println("rigger: note: " + cfg.file() + ": [ssh_connection] ssh_args " + n);
        for (String n : ssh.notes()) System.err.println("rigger: note: --ssh-common-args " + n);
        if (forks < 1) {
            System.err.println("rigger: --forks must be at least 1");
            throw new ExitException(ExitCodes.BAD_OPTIONS);
        }
        Logging.verbosity(verbose.length);
        if (reportJson != null || reportHtml != null) JsonReport.warmUp();
        RunOptions opts = new RunOptions(check, forks, Duration.ofSeconds(timeout), Duration.ofSeconds(Math.max(1, connectTimeout)), knownHosts, acceptNew, Math.max(0, retries))
                .withBecomePassword(becomePassword()).withFingerprintKey(fingerprintKey).withSavedPlan(savedPlan).withForceHandlers(forceHandlers).withStep(step).withVerbosity(verbose.length);
        SshConnection.Clients clients = new SshConnection.Clients();
        if (sshPersist > 0 && run.graph().allNodes().stream().anyMatch(n -> "reset_connection".equals(n.task().task().metaAction()))) {
            // a kept session is the keeper's: this run cannot log in anew through it
            System.err.println("rigger: --ssh-persist: the playbook has meta: reset_connection, which needs a new login on the host;"
                    + " run it without --ssh-persist");
            throw new ExitException(ExitCodes.BAD_OPTIONS);
        }
        SshSessions sessions = sshPersist > 0 ? new KeptSessions(Duration.ofSeconds(sshPersist), clients) : SshSessions.direct(clients);
        Connector connector = new Connector(knownHosts, acceptNew, opts.connectTimeout(), sessions);
        Executor executor = new Executor(h -> connector.open(Endpoints.of(run.inventory().hostOrImplicit(h))), masker);
        RunTimeline timeline = new RunTimeline();
        RunResult result = executor.run(run, opts, RunListener.all(listener, timeline));
        if (masker.unmaskable() > 0) {
            System.err.println("rigger: warning: " + masker.unmaskable() + " secret value(s) shorter than 3 characters were not masked"
                    + " in the output (masking them would hide every such word)");
        }
        Path writing = reportJson;
        try {
            if (reportJson != null) new JsonReport(masker).write(result, timeline, reportJson);
            writing = reportHtml;
            if (reportHtml != null) {
                var tree = new ObjectMapper().valueToTree(new JsonReport(masker).toMap(result, timeline));
                HtmlReport.write(tree, masker, "Rigger " + (check ? "plan" : "apply") + ", " + Instant.now().truncatedTo(ChronoUnit.SECONDS), reportHtml);
            }
        } catch (IOException e) {
            System.err.println("rigger: cannot write " + writing + ": " + e.getMessage());
            throw new ExitException(ExitCodes.ERROR);
        }
        return result;
    }

    /** The password of {@code --become-password-file}, learnt as a secret; null without the option. */
    String becomePassword() {
        if (askBecomePass || AnsibleConfig.current().becomeAskPass()) {
            java.io.Console c = System.console();
            if (c == null) {
                System.err.println("rigger: -K asks on a terminal and there is none; give --become-password-file FILE");
                throw new ExitException(ExitCodes.BAD_OPTIONS);
            }
            char[] typed = c.readPassword("BECOME password: ");
            String pw = typed == null ? "" : new String(typed);
            masker.add(pw);
            return pw;
        }
        if (becomePasswordFile == null) return null;
        String pw = Passwords.read(becomePasswordFile, "--become-password-file");
        masker.add(pw);
        return pw;
    }

    /**
     * {@code --detailed-exitcode}, as {@code terraform plan}: 0 nothing to change, 2 changes
     * pending (changed or unknown), 1 a host failed or was unreachable.
     */
    static int detailed(RunResult r) {
        if (r.exitCode() != 0) return 1;
        boolean pending = r.recap().values().stream().anyMatch(c -> c.changed() > 0 || c.unknown() > 0);
        return pending ? 2 : 0;
    }
}
