package dev.rigger.modules.system;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cron job or variable in a user's crontab or a cron.d file, as ansible.builtin.cron: the job
 * is the line after its {@code #Ansible: NAME} marker, so Rigger and Ansible find, change and
 * remove the same lines ({@link CronTab}). A user's crontab is read with {@code crontab -l} and
 * installed with {@code crontab -} (the text on standard input); a cron file is read and written
 * as a file, and removed when its last job goes.
 */
public final class CronModule implements Module {
    private static final List<String> TIMES = List.of("minute", "hour", "day", "month", "weekday");
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").required().singleLine().doc("the job's name, written as the '#Ansible: NAME' line above it (with env: the variable's name)"))
            .add(Param.string("user").singleLine().notEmpty().doc("whose crontab (crontab -u USER); with cron_file, the user the job runs as"))
            .add(Param.string("job").singleLine().aliases("value").doc("the command (with env: the variable's value); required with state=present"))
            .add(Param.string("cron_file").singleLine().notEmpty().doc("a file in /etc/cron.d (or an absolute path) instead of a user's crontab; needs user"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("present adds or updates the job, absent removes it"))
            .add(Param.bool("backup").defaultValue(false).doc("not supported: refused when true"))
            .add(Param.string("minute").defaultValue("*").singleLine().doc("minute field"))
            .add(Param.string("hour").defaultValue("*").singleLine().doc("hour field"))
            .add(Param.string("day").defaultValue("*").singleLine().aliases("dom").doc("day of month field"))
            .add(Param.string("month").defaultValue("*").singleLine().doc("month field"))
            .add(Param.string("weekday").defaultValue("*").singleLine().aliases("dow").doc("day of week field"))
            .add(Param.choice("special_time", "reboot", "yearly", "annually", "monthly", "weekly", "daily", "hourly")
                    .doc("@reboot, @daily, ... instead of the five time fields"))
            .add(Param.bool("disabled").defaultValue(false).doc("write the job commented out (#)"))
            .add(Param.bool("env").defaultValue(false).doc("manage a variable NAME=\"JOB\" instead of a job"))
            .add(Param.string("insertafter").doc("with env: put a new variable after this variable"))
            .add(Param.string("insertbefore").doc("with env: put a new variable before this variable"))
            .mutuallyExclusive("insertafter", "insertbefore")
            .build();

    @Override public String name() { return "cron"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.cron"); }
    @Override public String summary() { return "Manage one cron job or variable in a crontab or a cron.d file"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- cron:\n    name: rotate app logs\n    minute: \"0\"\n    hour: \"3\"\n    job: /usr/local/bin/rotate-logs\n    user: app";
    }

    /** The cron file's path: relative names are in /etc/cron.d, as Ansible's. */
    private static String cronFile(Params p) {
        String f = p.string("cron_file");
        if (f == null) return null;
        return f.startsWith("/") ? f : "/etc/cron.d/" + f;
    }

    private static List<String> listArgv(Params p) {
        return p.has("user") ? List.of("crontab", "-u", p.string("user"), "-l") : List.of("crontab", "-l");
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        String file = cronFile(p);
        return file != null ? List.of(new Probe.Stat(file), new Probe.Read(file)) : List.of(new Probe.Run(listArgv(p)));
    }

    @Override
    public Change plan(Params p, Host host) {
        refuseAsAnsible(p);
        String file = cronFile(p);
        boolean present = p.string("state").equals("present");
        List<ProbeResult> r = host.probe(firstProbes(p));
        String existing;
        List<String> lines;
        boolean fileExists = false;
        if (file != null) {
            FileState st = r.get(0).fileState();
            fileExists = st != null && st.exists();
            if (fileExists && st.type() != FileState.Type.FILE) throw new ModuleException(file + " is not a regular file");
            existing = fileExists ? text(r.get(1), file) : "";
            lines = CronTab.splitLines(existing);
        } else {
            ProbeResult list = r.get(0);
            if (list.exitCode() == 127) throw new ModuleException("crontab is not installed on this host (Debian's cron or Red Hat's cronie package)");
            if (list.exitCode() != 0 && list.exitCode() != 1) throw new ModuleException("Unable to read crontab: " + list.error().trim());
            existing = list.exitCode() == 0 ? list.text() : "";
            lines = CronTab.fromCrontabList(existing);
        }
        CronTab tab = new CronTab(lines);
        String name = p.string("name");
        boolean changed = false;
        if (p.bool("env")) {
            if (name.contains(" ")) throw new ModuleException("Invalid name for environment variable");
            String decl = name + "=\"" + p.string("job") + "\"";
            int old = tab.findEnv(name);
            if (present && old < 0) {
                String other = p.has("insertafter") ? p.string("insertafter") : p.string("insertbefore");
                if (!tab.addEnv(decl, p.string("insertafter"), p.string("insertbefore"))) {
                    throw new ModuleException("Variable named '" + other + "' not found.");
                }
                changed = true;
            } else if (present && !tab.lines().get(old).equals(decl)) {
                tab.updateEnv(name, decl);
                changed = true;
            } else if (!present && old >= 0) {
                tab.updateEnv(name, null);
                changed = true;
            }
        } else if (present) {
            String job = jobLine(p, file != null);
            List<String> old = tab.findJob(name, job);
            if (old.isEmpty()) {
                tab.addJob(name, job);
                changed = true;
            }
            if ((!old.isEmpty() && !old.get(1).equals(job)) || old.size() > 2) {
                tab.updateJob(name, job);
                changed = true;
            }
        } else if (!tab.findJob(name, null).isEmpty()) {
            tab.updateJob(name, null);
            changed = true;
            if (file != null && tab.isEmpty()) {
                if (!fileExists) return Change.none(Map.of("cron_file", p.string("cron_file"), "state", "absent"));
                return Change.of(List.of(Diff.delete(file, existing)), List.of(Step.Run.of("rm", "-f", "--", file)))
                        .withOutputs(Map.of("cron_file", p.string("cron_file"), "state", "absent"));
            }
        }
        if (!changed && !existing.isEmpty() && !existing.endsWith("\n") && !existing.endsWith("\r")) changed = true;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobs", tab.jobNames());
        out.put("envs", tab.envNames());
        if (file != null) out.put("cron_file", p.string("cron_file"));
        if (!changed) return Change.none(out);
        String after = tab.render();
        byte[] bytes = after.getBytes(StandardCharsets.UTF_8);
        String subject = file != null ? file : p.has("user") ? "crontab for user \"" + p.string("user") + "\"" : "crontab";
        Diff diff = existing.isEmpty() && (file == null || !fileExists) ? Diff.create(subject, after) : Diff.update(subject, existing, after);
        List<String> install = new ArrayList<>(List.of("crontab"));
        if (p.has("user")) install.addAll(List.of("-u", p.string("user")));
        install.add("-");
        Step step = file != null ? Step.WriteFile.of(file, bytes, null) : new Step.Run(install, bytes);
        return Change.of(List.of(diff), List.of(step)).withOutputs(out);
    }

    /** The failures Ansible's module checks before reading, with its messages; Rigger's own refusals. */
    private static void refuseAsAnsible(Params p) {
        boolean present = p.string("state").equals("present");
        if ("/etc/crontab".equals(p.string("cron_file"))) throw new ModuleException("Will not manage /etc/crontab via cron_file, see documentation.");
        if (p.has("special_time") && TIMES.stream().anyMatch(t -> !p.string(t).equals("*"))) {
            throw new ModuleException("You must specify time and date fields or special time.");
        }
        if (present && p.has("cron_file") && !p.has("user")) throw new ModuleException("To use cron_file=... parameter you must specify user=... as well");
        if (present && !p.has("job")) throw new ModuleException("You must specify 'job' to install a new cron job or variable");
        if (present && (p.has("insertafter") || p.has("insertbefore")) && !p.bool("env")) {
            throw new ModuleException("Insertafter and insertbefore parameters are valid only with env=yes");
        }
        if (p.bool("backup")) throw new ModuleException("backup is not supported by Rigger's cron (check the crontab with --check --diff first)");
        for (String t : TIMES) {
            // cron splits a line at blanks: a blank in a field would make the rest of it other fields or the command
            if (p.string(t).isEmpty() || p.string(t).chars().anyMatch(Character::isWhitespace)) {
                throw new ModuleException(t + " must be one cron field without blanks: '" + p.string(t) + "'");
            }
        }
        if (p.has("user") && p.string("user").startsWith("-")) throw new ModuleException("user must not start with '-': " + p.string("user"));
    }

    /** get_cron_job: the line as Ansible writes it (a cron file's lines name the user). */
    private static String jobLine(Params p, boolean inFile) {
        String job = strip(p.string("job"));
        String prefix = p.bool("disabled") ? "#" : "";
        String user = inFile ? " " + p.string("user") : "";
        if (p.has("special_time")) return prefix + "@" + p.string("special_time") + user + " " + job;
        return prefix + String.join(" ", TIMES.stream().map(p::string).toList()) + user + " " + job;
    }

    private static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == '\r' || s.charAt(a) == '\n')) a++;
        while (b > a && (s.charAt(b - 1) == '\r' || s.charAt(b - 1) == '\n')) b--;
        return s.substring(a, b);
    }

    private static String text(ProbeResult r, String file) {
        if (!r.ok()) throw new ModuleException("cannot read " + file + ": " + r.error().trim());
        return new String(r.output(), StandardCharsets.UTF_8);
    }
}
