package dev.rigger.modules.system;

import dev.rigger.modules.Shown;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One generated locale, as community.general.locale_gen: whether it is there is what
 * {@code locale -a} lists (encodings compared as Ansible normalises them); on Debian it is
 * (un)commented in {@code /etc/locale.gen} with Ansible's own substitution and every listed locale
 * regenerated with {@code locale-gen}; where {@code /var/lib/locales/supported.d} exists (Ubuntu)
 * {@code locale-gen NAME} adds it and removal rewrites {@code supported.d/local} then runs
 * {@code locale-gen --purge}.
 */
public final class LocaleGenModule implements Module {
    static final String LOCALE_GEN = "/etc/locale.gen";
    static final String SUPPORTED_D = "/var/lib/locales/supported.d";
    static final String SUPPORTED = "/usr/share/i18n/SUPPORTED";
    static final String LOCAL = SUPPORTED_D + "/local";
    /** Locale names as glibc spells them (de_CH.UTF-8, ca_ES.UTF-8@valencia): nothing a shell or regex would read specially but '.' and '+'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@+-]*");
    private static final Pattern DEBIAN_AVAILABLE = Pattern.compile("^#?\\s*(?<locale>\\S+_\\S+) (?<charset>\\S+)\\s*$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern UBUNTU_AVAILABLE = Pattern.compile("^(?<locale>\\S+_\\S+) (?<charset>\\S+)\\s*$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Map<String, String> NORMALIZATION = normalization();
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").required().singleLine().doc("the locale with its encoding, as /etc/locale.gen names it (de_CH.UTF-8)"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("present: generated; absent: not generated"))
            .build();

    @Override public String name() { return "locale_gen"; }
    @Override public List<String> aliases() { return List.of("community.general.locale_gen", "community.general.system.locale_gen", "ansible.builtin.locale_gen"); }
    @Override public String summary() { return "Generate or remove a locale, as community.general.locale_gen"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- locale_gen:\n    name: de_CH.UTF-8\n    state: present";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return List.of(new Probe.Stat(SUPPORTED_D), new Probe.Read(LOCALE_GEN), new Probe.Read(SUPPORTED), new Probe.Run(List.of("locale", "-a")), new Probe.Read(LOCAL));
    }

    @Override
    public Change plan(Params p, Host host) {
        String name = p.string("name");
        if (!NAME.matcher(name).matches()) {
            throw new ModuleException("invalid locale name " + Shown.quoted(name) + ": use a name as /etc/locale.gen lists it "
                    + "(letters, digits, '_', '.', '@', '+', '-'; no blanks or shell characters)");
        }
        boolean present = p.string("state").equals("present");
        List<ProbeResult> r = host.probe(firstProbes(p));
        FileState supportedD = r.get(0).fileState();
        boolean ubuntu = supportedD != null && supportedD.exists();
        if (!ubuntu && !r.get(1).ok()) {
            throw new ModuleException("/etc/locale.gen and /var/lib/locales/supported.d/local are missing. Is the package \"locales\" installed?");
        }
        ProbeResult list = ubuntu ? r.get(2) : r.get(1);
        if (!available(list.ok() ? list.text() : "", name, ubuntu ? UBUNTU_AVAILABLE : DEBIAN_AVAILABLE)) {
            throw new ModuleException("The locale you've entered is not available on your system.");
        }
        if (!r.get(3).ok()) throw new ModuleException("locale -a failed: " + r.get(3).error().strip());
        boolean installed = r.get(3).text().lines().anyMatch(l -> fixCase(l).equals(fixCase(name)));
        Map<String, Object> outputs = new LinkedHashMap<>(Map.of("name", name, "msg", "OK"));
        if (installed == present) return Change.none(outputs);
        List<Diff> diffs = new ArrayList<>(List.of(Diff.update("locale " + name, installed ? "generated" : "not generated", present ? "generated" : "not generated")));
        List<Step> steps = new ArrayList<>();
        if (!ubuntu) {
            String before = r.get(1).text();
            String after = setLocale(before, name, present);
            if (!after.equals(before)) {
                diffs.add(Diff.update(LOCALE_GEN, before, after));
                steps.add(Step.WriteFile.of(LOCALE_GEN, after.getBytes(StandardCharsets.UTF_8), null));
            }
            steps.add(Step.Run.of("locale-gen"));
        } else if (present) {
            steps.add(Step.Run.of("locale-gen", name));
        } else {
            String before = r.get(4).ok() ? r.get(4).text() : "";
            String after = withoutLocale(before, name);
            if (!after.equals(before)) {
                diffs.add(Diff.update(LOCAL, before, after));
                steps.add(Step.WriteFile.of(LOCAL, after.getBytes(StandardCharsets.UTF_8), null));
            }
            steps.add(Step.Run.of("locale-gen", "--purge"));
        }
        return Change.of(diffs, steps).withOutputs(outputs);
    }

    /** is_available: a line of the list names the locale (commented out or not, on Debian). */
    static boolean available(String text, String name, Pattern line) {
        for (String l : text.split("\n", -1)) {
            Matcher m = line.matcher(l);
            if (m.matches() && m.group("locale").equals(name)) return true;
        }
        return false;
    }

    /**
     * set_locale: Ansible's {@code re.sub(r'#{0,1}\s*NAME (?P<charset>.+)', ...)} on every line, the
     * name used as a pattern as Ansible uses it (its '.' matches any character there too).
     */
    static String setLocale(String text, String name, boolean enabled) {
        Pattern p = Pattern.compile("#{0,1}\\s*" + name + " (?<charset>.+)", Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS);
        String replacement = (enabled ? "" : "# ") + name + " ${charset}";
        StringBuilder out = new StringBuilder();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            out.append(p.matcher(text.substring(start, end)).replaceAll(replacement));
            start = end;
        }
        return out.toString();
    }

    /** apply_change_ubuntu's removal: lines 'LOCALE CHARSET' of other locales kept. */
    static String withoutLocale(String text, String name) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("(?<=\n)")) {
            if (line.isEmpty()) continue;
            String[] f = line.split(" ", -1);
            if (f.length != 2) throw new ModuleException("cannot read " + LOCAL + ": " + Shown.quoted(line) + " is not 'LOCALE CHARSET'");
            if (!f[0].equals(name)) out.append(line);
        }
        return out.toString();
    }

    /** fix_case: locale -a prints encodings in lower case (de_CH.utf8). */
    static String fixCase(String name) {
        String out = name;
        for (Map.Entry<String, String> e : NORMALIZATION.entrySet()) out = out.replace(e.getKey(), e.getValue());
        return out;
    }

    private static Map<String, String> normalization() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(".utf8", ".UTF-8");
        m.put(".eucjp", ".EUC-JP");
        m.put(".iso885915", ".ISO-8859-15");
        m.put(".cp1251", ".CP1251");
        m.put(".koi8r", ".KOI8-R");
        m.put(".armscii8", ".ARMSCII-8");
        m.put(".euckr", ".EUC-KR");
        m.put(".gbk", ".GBK");
        m.put(".gb18030", ".GB18030");
        m.put(".euctw", ".EUC-TW");
        return m;
    }
}
