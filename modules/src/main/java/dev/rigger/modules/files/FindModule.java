package dev.rigger.modules.files;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files under folders that match name patterns, type, age and size, as Ansible's find: each
 * with its stat fields under {@code files}, plus {@code matched} and {@code examined}. One
 * {@code find -printf} per folder, all in one round trip (a second one for checksums when asked);
 * the filtering is Ansible's, done here. Changes nothing.
 */
public final class FindModule implements Module {
    /** Type, mode, ids, names, size, inode, device, links, times, then the path; NUL-terminated. */
    private static final String FORMAT = "%y\t%m\t%U\t%G\t%u\t%g\t%s\t%i\t%D\t%n\t%A@\t%T@\t%C@\t%p\\0";
    private static final Pattern AGE = Pattern.compile("^(-?\\d+)(s|m|h|d|w)?$");
    private static final Pattern SIZE = Pattern.compile("^(-?\\d+)(b|k|m|g|t)?$");
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.list("paths").required().elements(Param.Type.STRING).notEmpty().aliases("name", "path").doc("the folders to search"))
            .add(Param.list("patterns").elements(Param.Type.STRING).aliases("pattern").doc("shell globs (or regular expressions with use_regex) the base name must match; any of them"))
            .add(Param.list("excludes").elements(Param.Type.STRING).aliases("exclude").doc("patterns whose matches are left out"))
            .add(Param.bool("use_regex").defaultValue(false).doc("patterns and excludes are Python regular expressions matched at the name's start"))
            .add(Param.choice("file_type", "file", "directory", "link", "any").defaultValue("file").doc("the kind of entry to report"))
            .add(Param.bool("recurse").defaultValue(false).doc("search the folders' subfolders too"))
            .add(Param.integer("depth").doc("with recurse, how many levels down (1: the folder's own entries)"))
            .add(Param.bool("hidden").defaultValue(false).doc("report entries whose name starts with a dot"))
            .add(Param.bool("follow").defaultValue(false).doc("descend into symlinked folders"))
            .add(Param.string("age").doc("at least this old (negative: at most), e.g. 2d, 4w, -1h; units s m h d w"))
            .add(Param.choice("age_stamp", "atime", "ctime", "mtime").defaultValue("mtime").doc("the time age compares"))
            .add(Param.string("size").doc("regular files at least this big (negative: at most), e.g. 10k, -1m; units b k m g t"))
            .add(Param.bool("get_checksum").defaultValue(false).doc("include the SHA-1 of each regular file"))
            .build();

    @Override public String name() { return "find"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.find"); }
    @Override public String summary() { return "List files under folders by name pattern, type, age and size, with their stat; changes nothing"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- find:\n    paths: /etc/app/conf.d\n    patterns: \"*.conf\"\n  register: confs\n"
                + "- debug:\n    msg: \"{{ confs.files | map(attribute='path') | list }}\"";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        List<Probe> probes = new ArrayList<>();
        for (String path : p.list("paths")) {
            List<String> argv = new ArrayList<>(List.of("find", p.bool("follow") ? "-L" : "-P", path, "-mindepth", "1"));
            if (!p.bool("recurse")) argv.addAll(List.of("-maxdepth", "1"));
            else if (p.has("depth") && p.integer("depth") > 0) argv.addAll(List.of("-maxdepth", String.valueOf(p.integer("depth"))));
            argv.addAll(List.of("-printf", FORMAT));
            probes.add(new Probe.Run(argv));
        }
        return probes;
    }

    @Override
    public Change plan(Params p, Host host) {
        Long age = amount("age", p.string("age"), AGE, Map.of("s", 1L, "m", 60L, "h", 3600L, "d", 86400L, "w", 604800L));
        Long size = amount("size", p.string("size"), SIZE, Map.of("b", 1L, "k", 1024L, "m", 1L << 20, "g", 1L << 30, "t", 1L << 40));
        List<Pattern> patterns = patterns(p, "patterns");
        List<Pattern> excludes = patterns(p, "excludes");
        if (patterns.isEmpty()) patterns = List.of(Pattern.compile(".*", Pattern.DOTALL));
        double now = System.currentTimeMillis() / 1000.0;
        String type = p.string("file_type");
        List<ProbeResult> answers = host.probe(firstProbes(p));
        List<Map<String, Object>> files = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        int examined = 0;
        for (int i = 0; i < answers.size(); i++) {
            ProbeResult r = answers.get(i);
            String root = p.list("paths").get(i);
            if (!r.ok() && r.text().isEmpty()) {
                skipped.put(root, "'" + root + "' is not a directory");
                continue;
            }
            for (String entry : r.text().split("\0")) {
                if (entry.isEmpty()) continue;
                String[] f = entry.split("\t", 14);
                examined++;
                String path = f[13].replaceAll("/+", "/");
                String base = path.substring(path.lastIndexOf('/') + 1);
                if (base.startsWith(".") && !p.bool("hidden")) continue;
                char t = f[0].charAt(0);
                boolean wanted = type.equals("any") || type.equals("file") && t == 'f' || type.equals("directory") && t == 'd' || type.equals("link") && t == 'l';
                if (!wanted || !matches(base, patterns, excludes)) continue;
                double stamp = Double.parseDouble(f[p.string("age_stamp").equals("atime") ? 10 : p.string("age_stamp").equals("mtime") ? 11 : 12]);
                if (age != null && !(age >= 0 ? now - stamp >= age : now - stamp <= -age)) continue;
                long bytes = Long.parseLong(f[6]);
                if (t == 'f' && size != null && !(size >= 0 ? bytes >= size : bytes <= -size)) continue;
                files.add(statinfo(path, t, f));
            }
        }
        if (p.bool("get_checksum")) checksums(host, files);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("files", files);
        out.put("matched", files.size());
        out.put("examined", examined);
        out.put("msg", skipped.isEmpty() ? "All paths examined" : "Not all paths examined, check warnings for details");
        out.put("skipped_paths", skipped);
        return Change.none(out);
    }

    private static boolean matches(String base, List<Pattern> patterns, List<Pattern> excludes) {
        for (Pattern pat : patterns) {
            if (!pat.matcher(base).lookingAt()) continue;
            for (Pattern ex : excludes) if (ex.matcher(base).lookingAt()) return false;
            return true;
        }
        return false;
    }

    /** Globs become anchored expressions (fnmatch), regexes match at the start (re.match). */
    private static List<Pattern> patterns(Params p, String name) {
        List<Pattern> out = new ArrayList<>();
        for (String s : p.list(name)) {
            out.add(p.bool("use_regex") ? PyRegex.compile(name, s) : Pattern.compile(glob(s) + "\\z", Pattern.DOTALL));
        }
        return out;
    }

    /** fnmatch's translation: * ? [seq] [!seq]; everything else literal. */
    static String glob(String g) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            int close = c == '[' ? g.indexOf(']', i + 2) : -1;
            if (c == '*') sb.append(".*");
            else if (c == '?') sb.append('.');
            else if (close > 0) {
                String set = g.substring(i + 1, close);
                sb.append('[').append(set.startsWith("!") ? "^" + set.substring(1).replace("\\", "\\\\") : set.replace("\\", "\\\\")).append(']');
                i = close;
            } else sb.append(Pattern.quote(String.valueOf(c)));
        }
        return sb.toString();
    }

    private static Long amount(String name, String value, Pattern form, Map<String, Long> units) {
        if (value == null) return null;
        Matcher m = form.matcher(value.toLowerCase());
        if (!m.matches()) throw new ModuleException("failed to process " + name + ": " + value);
        return Long.parseLong(m.group(1)) * (m.group(2) == null ? 1 : units.get(m.group(2)));
    }

    private static Map<String, Object> statinfo(String path, char t, String[] f) {
        int mode = Integer.parseInt(f[1], 8);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("path", path);
        s.put("mode", String.format("%04o", mode));
        s.put("isdir", t == 'd');
        s.put("ischr", t == 'c');
        s.put("isblk", t == 'b');
        s.put("isreg", t == 'f');
        s.put("isfifo", t == 'p');
        s.put("islnk", t == 'l');
        s.put("issock", t == 's');
        s.put("uid", Integer.parseInt(f[2]));
        s.put("gid", Integer.parseInt(f[3]));
        s.put("size", Long.parseLong(f[6]));
        s.put("inode", Long.parseLong(f[7]));
        s.put("dev", Long.parseLong(f[8]));
        s.put("nlink", Integer.parseInt(f[9]));
        s.put("atime", Double.parseDouble(f[10]));
        s.put("mtime", Double.parseDouble(f[11]));
        s.put("ctime", Double.parseDouble(f[12]));
        s.put("gr_name", f[5].equals(f[3]) ? "" : f[5]);
        s.put("pw_name", f[4].equals(f[2]) ? "" : f[4]);
        String[] who = {"usr", "grp", "oth"};
        for (int i = 0; i < 3; i++) {
            int bits = mode >> (6 - 3 * i);
            s.put("w" + who[i], (bits & 2) != 0);
            s.put("r" + who[i], (bits & 4) != 0);
            s.put("x" + who[i], (bits & 1) != 0);
        }
        s.put("isuid", (mode & 04000) != 0);
        s.put("isgid", (mode & 02000) != 0);
        return s;
    }

    /** SHA-1 of the regular files found, in a second round trip. */
    private static void checksums(Host host, List<Map<String, Object>> files) {
        List<Map<String, Object>> regular = files.stream().filter(s -> Boolean.TRUE.equals(s.get("isreg"))).toList();
        if (regular.isEmpty()) return;
        List<Probe> sums = regular.stream().<Probe>map(s -> new Probe.Run(List.of("sha1sum", "--", (String) s.get("path")))).toList();
        List<ProbeResult> r = host.probe(sums);
        for (int i = 0; i < regular.size(); i++) {
            if (r.get(i).ok()) regular.get(i).put("checksum", r.get(i).text().split("\\s", 2)[0]);
        }
    }
}
