package dev.rigger.modules.system;

import dev.rigger.modules.Shown;
import dev.rigger.spi.Words;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reboots the host and waits until it is back, as ansible.builtin.reboot on Linux: finds
 * {@code shutdown} (or the program of {@code reboot_command}) in {@code search_paths}, and plans
 * one {@link Step.Reboot}: the engine reads the boot id, runs {@code shutdown -r MINUTES MSG} as
 * literal words, logs in anew until the boot id differs and {@code test_command} passes, and the
 * tasks after it run over that new connection. Always changed, in check mode too (without
 * rebooting), as Ansible.
 */
public final class RebootModule implements Module {
    static final List<String> SEARCH_PATHS = List.of("/sbin", "/bin", "/usr/sbin", "/usr/bin", "/usr/local/sbin");
    /** reboot_command is a program and its words, run without a shell: shell syntax in it would not do what it says. */
    private static final Pattern SHELL_SYNTAX = Pattern.compile("[;&|<>`$(){}\\n]");
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.integer("pre_reboot_delay").defaultValue(0).doc("seconds before the reboot; on Linux given to shutdown in whole minutes (under 60 is now), as Ansible does"))
            .add(Param.integer("post_reboot_delay").defaultValue(0).doc("seconds to wait after the reboot command before looking whether the host is back"))
            .add(Param.integer("reboot_timeout").defaultValue(600).aliases("reboot_timeout_sec").doc("seconds the host may take to come back and pass test_command; then the task fails"))
            .add(Param.integer("connect_timeout").aliases("connect_timeout_sec").doc("seconds one look may take (the boot id command over a new login; the login itself is bounded by the run's --connect-timeout); default 10"))
            .add(Param.string("test_command").defaultValue("whoami").notEmpty().doc("a shell command that succeeds once the rebooted host is ready"))
            .add(Param.string("msg").defaultValue("Reboot initiated by Ansible").doc("the message shutdown shows to logged-in users (one argument word)"))
            .add(Param.list("search_paths").defaultValue(SEARCH_PATHS).doc("folders searched for shutdown (or reboot_command's program) when it is not an absolute path"))
            .add(Param.string("boot_time_command").defaultValue("cat /proc/sys/kernel/random/boot_id").notEmpty()
                    .doc("a shell command whose output changes with every boot"))
            .add(Param.string("reboot_command").notEmpty().doc("the command that reboots, a program and its arguments (shell words, no shell syntax); "
                    + "with it, pre_reboot_delay and msg are not used, as in Ansible"))
            .build();

    @Override public String name() { return "reboot"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.reboot", "ansible.legacy.reboot"); }
    @Override public String summary() { return "Reboot the host and wait until it is back (new boot id, test_command passes)"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- reboot:\n- reboot:\n    msg: kernel update\n    reboot_timeout: 300\n    test_command: systemctl is-system-running";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        String program = program(p);
        if (program.startsWith("/")) return List.of();
        return searchPaths(p).stream().map(d -> (Probe) new Probe.Stat(d + "/" + program)).toList();
    }

    @Override
    public Change plan(Params p, Host host) {
        List<String> words = command(p);
        String program = words.get(0);
        if (!program.startsWith("/")) {
            List<Probe> stats = firstProbes(p);
            List<ProbeResult> found = host.probe(stats);
            String path = null;
            for (int i = 0; i < stats.size() && path == null; i++) {
                if (found.get(i).fileState() != null && found.get(i).fileState().exists()) path = ((Probe.Stat) stats.get(i)).path();
            }
            if (path == null) {
                throw new ModuleException("Unable to find command \"" + program + "\" in search paths: "
                        + searchPaths(p).stream().map(d -> "'" + d + "'").toList());
            }
            words.set(0, path);
        }
        Step.Reboot step = new Step.Reboot(words, p.string("boot_time_command"), p.string("test_command"),
                p.has("connect_timeout") ? Duration.ofSeconds(Math.max(1, p.integer("connect_timeout"))) : null,
                Duration.ofSeconds(Math.max(0, p.integer("reboot_timeout"))),
                Duration.ofSeconds(Math.max(0, p.integer("post_reboot_delay"))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("elapsed", 0);
        out.put("rebooted", true);
        return Change.of(List.of(), List.of(step)).withOutputs(out).unverifiable();
    }

    @Override
    public Map<String, Object> outputs(Params p, List<StepResult> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        StepResult r = results.isEmpty() ? null : results.get(results.size() - 1);
        out.put("elapsed", r == null ? 0 : elapsed(r.stdout()));
        out.put("rebooted", true);
        return out;
    }

    private static int elapsed(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The reboot program and its arguments: reboot_command's words, else shutdown -r MINUTES MSG. */
    static List<String> command(Params p) {
        if (!p.has("reboot_command")) {
            // Ansible: '-r {delay_min} "{message}"', delay_min = pre_reboot_delay // 60 (a negative delay is 0)
            return new ArrayList<>(List.of("shutdown", "-r", Integer.toString(Math.max(0, p.integer("pre_reboot_delay")) / 60),
                    p.string("msg")));
        }
        String c = p.string("reboot_command");
        if (SHELL_SYNTAX.matcher(c).find()) {
            throw new ModuleException("reboot_command " + Shown.quoted(c) + " holds shell syntax: Rigger runs it as a program and its "
                    + "arguments (quotes are honoured, nothing is expanded); put a script in a file and give its path");
        }
        List<String> words = new ArrayList<>(Words.split(c));
        if (words.isEmpty()) throw new ModuleException("reboot_command is empty");
        return words;
    }

    private static String program(Params p) {
        return command(p).get(0);
    }

    private static List<String> searchPaths(Params p) {
        List<String> paths = new ArrayList<>();
        for (String d : p.list("search_paths")) {
            if (!d.startsWith("/")) throw new ModuleException("search_paths must be absolute folders: " + Shown.quoted(d));
            paths.add(d.endsWith("/") && d.length() > 1 ? d.substring(0, d.length() - 1) : d);
        }
        return paths;
    }
}
