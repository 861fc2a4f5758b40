package dev.rigger.modules.system;

import dev.rigger.spi.FileState;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The current zone and hardware clock scale as community.general.timezone's get() reads them
 * without systemd, from the probes {@link #nameProbes} and {@link #hwclockProbes} ask: a value
 * that cannot be read is {@code n/a}, so it differs from any wanted value.
 */
final class TimezoneState {
    static final String TIMEZONE = "/etc/timezone";
    static final String RCS = "/etc/default/rcS";
    static final String ADJTIME = "/etc/adjtime";
    static final Pattern TIMEZONE_LINE = Pattern.compile("^([^\\s]+)", Pattern.MULTILINE);
    static final Pattern RCS_LINE = Pattern.compile("^UTC\\s*=\\s*([^\\s]+)", Pattern.MULTILINE);
    private static final Pattern ADJTIME_LINE = Pattern.compile("^(UTC|LOCAL)$", Pattern.MULTILINE);
    private static final Pattern LINK_ZONE = Pattern.compile("(?:/(?:usr/share|etc)/zoneinfo/)(.*)");
    private static final Pattern SYSTEMD_NAME = Pattern.compile("^\\s*Time ?zone\\s*:\\s*([^\\s]+)", Pattern.MULTILINE);
    private static final Pattern SYSTEMD_RTC = Pattern.compile("^\\s*RTC in local TZ\\s*:\\s*([^\\s]+)", Pattern.MULTILINE);

    private ProbeResult zoneFile;
    private ProbeResult timezone;
    private ProbeResult localtime;
    private ProbeResult localtimeResolves;
    private ProbeResult sameAsZone;
    private ProbeResult rcS;
    private ProbeResult adjtime;

    /** The zone file is a file; /etc/timezone; /etc/localtime's stat; whether it resolves; whether it equals the zone file. */
    static List<Probe> nameProbes(String zoneFile) {
        return List.of(new Probe.Run(List.of("test", "-f", zoneFile)), new Probe.Read(TIMEZONE), new Probe.Stat("/etc/localtime"),
                new Probe.Run(List.of("test", "-e", "/etc/localtime")), new Probe.Run(List.of("cmp", "-s", "--", "/etc/localtime", zoneFile)));
    }

    static List<Probe> hwclockProbes() {
        return List.of(new Probe.Read(RCS), new Probe.Read(ADJTIME));
    }

    /** {@code r}: the answers to the name probes (when {@code name}) then the hwclock probes (when {@code hwclock}). */
    TimezoneState(List<ProbeResult> r, boolean name, boolean hwclock) {
        int i = 0;
        if (name) {
            zoneFile = r.get(i++);
            timezone = r.get(i++);
            localtime = r.get(i++);
            localtimeResolves = r.get(i++);
            sameAsZone = r.get(i++);
        }
        if (hwclock) {
            rcS = r.get(i++);
            adjtime = r.get(i);
        }
    }

    boolean zoneExists() {
        return zoneFile.ok();
    }

    String timezoneText() {
        return timezone.ok() ? timezone.text() : "";
    }

    String rcSText() {
        return rcS.ok() ? rcS.text() : "";
    }

    /** get('name'): /etc/timezone's first word; when it is the wanted zone, /etc/localtime must agree. */
    String name(String planned) {
        String value = timezone.ok() ? first(TIMEZONE_LINE, timezone.text()) : null;
        if (value == null) return "n/a";
        if (!value.equals(planned)) return value;
        FileState link = localtime.fileState();
        if (link != null && link.type() == FileState.Type.LINK) {
            if (!localtimeResolves.ok()) return "n/a";
            Matcher m = LINK_ZONE.matcher(link.linkTarget());
            if (!m.find()) return "n/a";
            return m.group(1);
        }
        return sameAsZone.ok() ? value : "n/a";
    }

    /** get('hwclock'): rcS's UTC= as UTC/local; when it is the wanted one, /etc/adjtime decides (UTC when silent). */
    String hwclock(String planned) {
        String value = rcS.ok() ? first(RCS_LINE, rcS.text()) : null;
        if (value == null) return "n/a";
        value = bool(value) ? "UTC" : "local";
        if (!value.equals(planned)) return value;
        String adj = adjtime.ok() ? first(ADJTIME_LINE, adjtime.text()) : null;
        return adj == null || adj.equals("UTC") ? "UTC" : adj.toLowerCase(Locale.ROOT);
    }

    static String systemdName(String status) {
        String v = first(SYSTEMD_NAME, status);
        if (v == null) throw new ModuleException("cannot read the time zone from timedatectl status: " + status.strip());
        return v;
    }

    static String systemdHwclock(String status) {
        String v = first(SYSTEMD_RTC, status);
        if (v == null) throw new ModuleException("cannot read 'RTC in local TZ' from timedatectl status: " + status.strip());
        return bool(v) ? "local" : "UTC";
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** AnsibleModule.boolean: its words for true and false; anything else fails, as there. */
    private static boolean bool(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (List.of("y", "yes", "on", "1", "true", "t", "1.0").contains(s)) return true;
        if (List.of("n", "no", "off", "0", "false", "f", "0.0").contains(s)) return false;
        throw new ModuleException("The value '" + v + "' is not a valid boolean.");
    }
}
