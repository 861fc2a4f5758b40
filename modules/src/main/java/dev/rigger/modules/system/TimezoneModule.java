package dev.rigger.modules.system;

import dev.rigger.modules.Shown;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
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
import java.util.regex.Pattern;

/**
 * The time zone and the hardware clock's scale, as community.general.timezone on Linux: with a
 * working {@code timedatectl} through it; without (no systemd as PID 1, as in containers and the
 * lab) Debian's way, {@code /etc/timezone} plus the {@code /etc/localtime} link and
 * {@code dpkg-reconfigure tzdata}, and {@code /etc/default/rcS} plus {@code hwclock --systohc}.
 * Current values are read as Ansible reads them ({@link TimezoneState}), so both tools agree on
 * what is already right.
 */
public final class TimezoneModule implements Module {
    static final String ZONEINFO = "/usr/share/zoneinfo/";
    /** Zone names are folder/file names under zoneinfo: no '..', no leading '/' or '-', no blanks or shell characters. */
    private static final Pattern ZONE = Pattern.compile("(?!-)[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*");
    /** Which helpers the host has, one "name=path" line each (path empty when missing). */
    static final String TOOLS = "for c in timedatectl dpkg-reconfigure hwclock; do printf '%s=%s\\n' \"$c\" \"$(command -v \"$c\")\"; done";
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").singleLine().notEmpty().doc("the zone, a file under /usr/share/zoneinfo (Europe/Berlin, Etc/UTC)"))
            .add(Param.choice("hwclock", "local", "UTC").aliases("rtc").doc("whether the hardware clock keeps local time or UTC"))
            .requireOneOf("hwclock", "name")
            .build();

    @Override public String name() { return "timezone"; }
    @Override public List<String> aliases() { return List.of("community.general.timezone", "community.general.system.timezone", "ansible.builtin.timezone"); }
    @Override public String summary() { return "Set the time zone and the hardware clock's scale, as community.general.timezone"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- timezone:\n    name: Europe/Berlin\n- community.general.timezone: { hwclock: UTC }";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        List<Probe> probes = new ArrayList<>(List.of(new Probe.Run(List.of("timedatectl", "status")), new Probe.Shell(TOOLS)));
        if (p.has("name")) probes.addAll(TimezoneState.nameProbes(zoneFile(p.string("name"))));
        if (p.has("hwclock")) probes.addAll(TimezoneState.hwclockProbes());
        return probes;
    }

    @Override
    public Change plan(Params p, Host host) {
        String zone = p.string("name");
        if (zone != null && !ZONE.matcher(zone).matches()) {
            throw new ModuleException("given timezone " + Shown.quoted(zone) + " is not a zone name: use a path under /usr/share/zoneinfo "
                    + "of letters, digits, '_', '+' and '-' (no '..', spaces or shell characters)");
        }
        List<ProbeResult> r = host.probe(firstProbes(p));
        Map<String, String> tools = tools(r.get(1).text());
        TimezoneState state = new TimezoneState(r.subList(2, r.size()), zone != null, p.has("hwclock"));
        if (zone != null && !state.zoneExists()) throw new ModuleException("given timezone \"" + zone + "\" is not available");
        boolean systemd = r.get(0).ok() && !tools.get("timedatectl").isEmpty();
        if (!systemd && tools.get("dpkg-reconfigure").isEmpty()) {
            throw new ModuleException("this host has neither a working timedatectl nor dpkg-reconfigure (Debian's tzdata): "
                    + "Rigger's timezone supports those two ways only (Red Hat's /etc/sysconfig/clock, Alpine and Gentoo are not implemented)");
        }
        Map<String, String> before = new LinkedHashMap<>();
        Map<String, String> planned = new LinkedHashMap<>();
        if (p.has("hwclock")) {
            before.put("hwclock", systemd ? TimezoneState.systemdHwclock(r.get(0).text()) : state.hwclock(p.string("hwclock")));
            planned.put("hwclock", p.string("hwclock"));
        }
        if (zone != null) {
            before.put("name", systemd ? TimezoneState.systemdName(r.get(0).text()) : state.name(zone));
            planned.put("name", zone);
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("diff", Map.of("before", Map.copyOf(before), "after", Map.copyOf(planned)));
        if (before.equals(planned)) return Change.none(outputs);
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        List<String> msg = new ArrayList<>();
        for (String key : planned.keySet()) {
            if (before.get(key).equals(planned.get(key))) continue;
            diffs.add(Diff.update(key.equals("name") ? "timezone" : "hwclock", before.get(key), planned.get(key)));
            if (systemd) systemdSet(key, planned.get(key), tools.get("timedatectl"), steps, msg);
            else if (key.equals("name")) debianZone(zone, state.timezoneText(), steps, msg);
            else debianHwclock(planned.get(key), state.rcSText(), tools.get("hwclock"), steps, msg);
        }
        outputs.put("msg", String.join("\n", msg));
        return Change.of(diffs, steps).withOutputs(outputs);
    }

    private static void systemdSet(String key, String value, String timedatectl, List<Step> steps, List<String> msg) {
        List<String> argv = key.equals("name") ? List.of(timedatectl, "set-timezone", value)
                : List.of(timedatectl, "set-local-rtc", value.equals("local") ? "yes" : "no");
        steps.add(Step.Run.of(argv));
        msg.add("executed `" + String.join(" ", argv) + "`");
    }

    /** /etc/timezone rewritten, the link made, then tzdata reconfigured (which rewrites /etc/timezone from the link). */
    private static void debianZone(String zone, String timezone, List<Step> steps, List<String> msg) {
        LineEdit edit = LineEdit.replaceAll(timezone, TimezoneState.TIMEZONE_LINE, zone + "\n");
        steps.add(Step.WriteFile.of(TimezoneState.TIMEZONE, edit.text().getBytes(StandardCharsets.UTF_8), null));
        steps.add(Step.Run.of("ln", "-sf", zoneFile(zone), "/etc/localtime"));
        steps.add(Step.Run.of("dpkg-reconfigure", "--frontend", "noninteractive", "tzdata"));
        msg.add("Added 1 line and deleted " + edit.deleted() + " line(s) on " + TimezoneState.TIMEZONE);
    }

    private static void debianHwclock(String value, String rcS, String hwclock, List<Step> steps, List<String> msg) {
        boolean utc = value.equals("UTC");
        LineEdit edit = LineEdit.replaceAll(rcS, TimezoneState.RCS_LINE, "UTC=" + (utc ? "yes" : "no") + "\n");
        steps.add(Step.WriteFile.of(TimezoneState.RCS, edit.text().getBytes(StandardCharsets.UTF_8), null));
        msg.add("Added 1 line and deleted " + edit.deleted() + " line(s) on " + TimezoneState.RCS);
        String bin = hwclock.isEmpty() ? "hwclock" : hwclock;
        steps.add(Step.Run.of(bin, "--systohc", utc ? "--utc" : "--localtime"));
        msg.add("executed `" + bin + " --systohc " + (utc ? "--utc" : "--localtime") + "`");
    }

    static String zoneFile(String zone) {
        return ZONEINFO + zone;
    }

    private static Map<String, String> tools(String text) {
        Map<String, String> out = new LinkedHashMap<>(Map.of("timedatectl", "", "dpkg-reconfigure", "", "hwclock", ""));
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && out.containsKey(line.substring(0, eq))) out.put(line.substring(0, eq), line.substring(eq + 1).strip());
        }
        return out;
    }

    /**
     * _edit_file: every line the pattern finds is deleted and {@code value} put where the first
     * was (else first in the file).
     */
    record LineEdit(String text, int deleted) {
        static LineEdit replaceAll(String text, Pattern line, String value) {
            List<String> lines = new ArrayList<>();
            int start = 0;
            for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
                lines.add(text.substring(start, nl + 1));
                start = nl + 1;
            }
            if (start < text.length()) lines.add(text.substring(start));
            int first = -1;
            int deleted = 0;
            List<String> out = new ArrayList<>();
            for (String l : lines) {
                if (line.matcher(l).find()) {
                    if (first < 0) first = out.size();
                    deleted++;
                } else {
                    out.add(l);
                }
            }
            out.add(Math.max(first, 0), value);
            return new LineEdit(String.join("", out), deleted);
        }
    }
}
