package dev.rigger.modules.facts;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's {@code package_facts} (ansible-core 2.14): the installed packages as
 * {@code ansible_facts.packages}, {@code {name: [{name, version, ...}, ...]}}, with each manager's
 * own fields. Ansible reads them through python3-apt and the rpm Python bindings; Rigger reads the
 * same databases with the managers' own tools in one shell probe: {@code dpkg-query} for the
 * installed packages and {@code apt-cache policy} for each installed version's first origin (what
 * python-apt's {@code Version.origins[0].origin} is), and {@code rpm -qa --queryformat}.
 * Changes nothing, so it runs in check mode too.
 */
public final class PackageFactsModule implements Module {
    /** The managers Rigger reads, in the order {@code auto} tries them. */
    static final List<String> SUPPORTED = List.of("apt", "rpm");
    /** Ansible 2.14's other managers: known there, refused here. */
    private static final Set<String> ANSIBLE_ONLY = Set.of("pacman", "pkg", "portage", "apk", "pkg_info");

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.list("manager").defaultValue(List.of("auto"))
                    .doc("the package managers to read: auto (every supported one present, apt first), apt, rpm; Ansible's pacman, "
                            + "pkg, portage, apk and pkg_info are refused"))
            .add(Param.choice("strategy", "first", "all").defaultValue("first")
                    .doc("first: only the first manager found usable; all: every one (a name both know gets the later manager's list)"))
            .build();

    /** The one probe: each manager's part after a marker line, only for the managers present. */
    static final String SCRIPT = "LC_ALL=C; export LC_ALL;"
            + " if command -v dpkg-query >/dev/null 2>&1 && command -v apt-cache >/dev/null 2>&1; then"
            + " printf '@@@@arch\\n'; dpkg --print-architecture 2>/dev/null;"
            + " printf '@@@@dpkg\\n'; dpkg-query -W -f '${db:Status-Abbrev}\\t${binary:Package}\\t${Version}\\t${Architecture}\\t${Section}\\n' 2>/dev/null;"
            + " printf '@@@@files\\n'; apt-cache policy 2>/dev/null;"
            + " installed=$(dpkg-query -W -f '${db:Status-Abbrev} ${binary:Package}\\n' 2>/dev/null"
            + " | awk 'substr($1,2,1) != \"n\" && substr($1,2,1) != \"c\" {print $2}');"
            + " printf '@@@@policy\\n'; printf '%s\\n' \"$installed\" | xargs -r apt-cache policy 2>/dev/null;"
            + " printf '@@@@show\\n'; printf '%s\\n' \"$installed\" | xargs -r apt-cache show 2>/dev/null"
            + " | awk '/^(Package|Version|Architecture|Section):/';"
            + " fi;"
            + " if command -v rpm >/dev/null 2>&1; then printf '@@@@rpm\\n';"
            + " rpm -qa --queryformat '%{NAME}\\t%{VERSION}\\t%{RELEASE}\\t%{EPOCH}\\t%{ARCH}\\n' 2>/dev/null; printf '@@@@rpmrc\\n%s\\n' $?; fi;"
            + " true";
    private static final Probe PROBE = new Probe.Shell(SCRIPT);

    @Override
    public String name() { return "package_facts"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.package_facts"); }

    @Override
    public String summary() { return "Read the installed packages (apt, rpm) into ansible_facts.packages; changes nothing"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- package_facts:\n    manager: auto\n\n- debug:\n    msg: \"{{ ansible_facts.packages['openssh-server'][0].version }}\"\n"
                + "  when: \"'openssh-server' in ansible_facts.packages\"";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return List.of(PROBE);
    }

    @Override
    public Change plan(Params p, Host host) {
        List<String> managers = managers(p.list("manager"));
        String strategy = p.string("strategy");
        ProbeResult r = host.probe(List.of(PROBE)).get(0);
        Map<String, String> parts = split(new String(r.output(), StandardCharsets.UTF_8));
        Map<String, Object> packages = new LinkedHashMap<>();
        int found = 0;
        for (String m : managers) {
            if (found > 0 && strategy.equals("first")) break;
            Map<String, List<Map<String, Object>>> read = switch (m) {
                case "apt" -> parts.containsKey("dpkg") ? apt(parts) : null;
                case "rpm" -> parts.containsKey("rpm") && "0".equals(parts.getOrDefault("rpmrc", "").strip()) ? rpm(parts.get("rpm")) : null;
                default -> throw new IllegalStateException(m);
            };
            if (read == null) continue;
            found++;
            packages.putAll(read);
        }
        if (found == 0) {
            throw new ModuleException("Could not detect a supported package manager from the following list: " + pyList(managers)
                    + ", or the required Python library is not installed. Check warnings for details.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ansible_facts", Map.of("packages", packages));
        return Change.none(out);
    }

    /** The managers to try in order, as Ansible expands {@code auto} and refuses unknown names; deduplicated. */
    static List<String> managers(List<String> given) {
        List<String> lower = given.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        Set<String> out = new LinkedHashSet<>();
        List<String> unsupported = new ArrayList<>();
        for (String m : lower) {
            if (m.equals("auto")) continue;
            if (ANSIBLE_ONLY.contains(m)) {
                throw new ModuleException("manager '" + m + "': Rigger reads only apt and rpm (Ansible's " + m + " manager is not built in)");
            }
            if (!SUPPORTED.contains(m)) unsupported.add(m);
            out.add(m);
        }
        if (!unsupported.isEmpty()) throw new ModuleException("Unsupported package managers requested: " + String.join(", ", unsupported));
        if (lower.contains("auto")) out.addAll(SUPPORTED);
        if (out.isEmpty()) throw new ModuleException("manager: name at least one package manager (auto, apt, rpm)");
        return List.copyOf(out);
    }

    static Map<String, String> split(String output) {
        Map<String, String> parts = new LinkedHashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.startsWith("@@@@")) {
                if (current != null) parts.put(current, text.toString());
                current = line.substring(4).strip();
                text.setLength(0);
            } else if (current != null) {
                text.append(line).append('\n');
            }
        }
        if (current != null) parts.put(current, text.toString());
        return parts;
    }

    private static final Pattern FILE = Pattern.compile("^ {0,2}-?\\d+ (.+)$");
    private static final Pattern RELEASE = Pattern.compile("^ +release (.*)$");
    private static final Pattern PKG_HEADER = Pattern.compile("^(\\S+):$");
    private static final Pattern VERSION_LINE = Pattern.compile("^ (\\*\\*\\*| {3}) (\\S+) -?\\d+$");
    private static final Pattern VERSION_FILE = Pattern.compile("^ {6,}-?\\d+ (.+)$");

    /**
     * apt's packages as python-apt gives them: the key is the name (with {@code :ARCH} for a
     * foreign architecture), version, arch and section of the installed version, and the origin of
     * the first package file that lists that version (the dpkg status file's is empty).
     */
    static Map<String, List<Map<String, Object>>> apt(Map<String, String> parts) {
        String nativeArch = parts.getOrDefault("arch", "").strip();
        Map<String, String> fileOrigins = fileOrigins(parts.getOrDefault("files", ""));
        Map<String, String> origins = installedOrigins(parts.getOrDefault("policy", ""), fileOrigins);
        Map<String, String> sections = sections(parts.getOrDefault("show", ""));
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (String line : parts.get("dpkg").split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 5 || f[0].length() < 2) continue;
            char status = f[0].charAt(1);
            if (status == 'n' || status == 'c') continue;
            String name = f[1];
            if (name.endsWith(":" + nativeArch)) name = name.substring(0, name.length() - nativeArch.length() - 1);
            Map<String, Object> pkg = new LinkedHashMap<>();
            pkg.put("name", name);
            pkg.put("version", f[2]);
            pkg.put("arch", f[3]);
            pkg.put("category", sections.getOrDefault(f[1].replaceFirst(":.*", "") + "\t" + f[2] + "\t" + f[3], f[4]));
            pkg.put("origin", origins.getOrDefault(name, ""));
            pkg.put("source", "apt");
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(pkg);
        }
        return out;
    }

    /**
     * {@code apt-cache show NAME...} cut to its Package, Version, Architecture and Section lines:
     * each version's section as apt's cache has it (the first package file's record; a repository's
     * Packages may file a package under another section than its .deb's control file does).
     */
    static Map<String, String> sections(String text) {
        Map<String, String> out = new HashMap<>();
        String pkg = null;
        String version = null;
        String arch = null;
        String section = null;
        for (String line : (text + "Package: \n").split("\n")) {
            if (line.startsWith("Package:")) {
                if (pkg != null && version != null && arch != null && section != null) out.putIfAbsent(pkg + "\t" + version + "\t" + arch, section);
                pkg = line.substring(8).strip();
                version = arch = section = null;
            } else if (line.startsWith("Version:")) {
                version = line.substring(8).strip();
            } else if (line.startsWith("Architecture:")) {
                arch = line.substring(13).strip();
            } else if (line.startsWith("Section:")) {
                section = line.substring(8).strip();
            }
        }
        return out;
    }

    /** {@code apt-cache policy}'s package files: each file's line to the {@code o=} of its release line ("" when none). */
    static Map<String, String> fileOrigins(String text) {
        Map<String, String> out = new HashMap<>();
        String file = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("Pinned packages")) break;
            Matcher m = FILE.matcher(line);
            if (m.matches()) {
                file = m.group(1).strip();
                out.put(file, "");
                continue;
            }
            Matcher rel = RELEASE.matcher(line);
            if (rel.matches() && file != null) {
                for (String kv : rel.group(1).split(",")) {
                    if (kv.startsWith("o=")) out.put(file, kv.substring(2));
                }
            }
        }
        return out;
    }

    /** {@code apt-cache policy NAME...}: each package's installed ({@code ***}) version's first file's origin. */
    static Map<String, String> installedOrigins(String text, Map<String, String> fileOrigins) {
        Map<String, String> out = new HashMap<>();
        String pkg = null;
        boolean installed = false;
        for (String line : text.split("\n")) {
            Matcher h = PKG_HEADER.matcher(line);
            if (h.matches()) {
                pkg = h.group(1);
                installed = false;
                continue;
            }
            Matcher v = VERSION_LINE.matcher(line);
            if (v.matches()) {
                installed = v.group(1).equals("***");
                continue;
            }
            Matcher f = VERSION_FILE.matcher(line);
            if (f.matches() && installed && pkg != null && !out.containsKey(pkg)) {
                out.put(pkg, fileOrigins.getOrDefault(f.group(1).strip(), ""));
            }
        }
        return out;
    }

    /** rpm's packages as the rpm bindings give them; an absent tag ({@code (none)}) is null, an epoch a number. */
    static Map<String, List<Map<String, Object>>> rpm(String text) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length != 5) continue;
            Map<String, Object> pkg = new LinkedHashMap<>();
            pkg.put("name", f[0]);
            pkg.put("version", none(f[1]));
            pkg.put("release", none(f[2]));
            String epoch = none(f[3]);
            pkg.put("epoch", epoch == null ? null : epoch.matches("\\d+") ? (Object) Long.valueOf(epoch) : epoch);
            pkg.put("arch", none(f[4]));
            pkg.put("source", "rpm");
            out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(pkg);
        }
        return out;
    }

    private static String none(String s) {
        return s.equals("(none)") ? null : s;
    }

    /** Python's repr of a list of strings, as Ansible's message prints it. */
    private static String pyList(List<String> items) {
        return "[" + String.join(", ", items.stream().map(s -> "'" + s + "'").toList()) + "]";
    }
}
