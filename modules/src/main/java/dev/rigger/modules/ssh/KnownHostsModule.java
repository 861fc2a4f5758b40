package dev.rigger.modules.ssh;

import dev.rigger.modules.PythonText;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host's key in a known_hosts file, as ansible.builtin.known_hosts (2.14): entries are found by
 * the host's own {@code ssh-keygen -F NAME -f PATH} (hashed entries, patterns and markers as
 * OpenSSH reads them), a key is added at the end or replaces the found line of its type, and a
 * host without key is removed by {@code ssh-keygen -R}. The lookup is one round trip (two when the
 * path starts with {@code ~}, which is the connecting user's home, asked first).
 */
public final class KnownHostsModule implements Module {
    private static final Pattern FOUND = Pattern.compile("found: line (\\d+)");
    /** Ansible's test for a list of names in {@code name}. */
    private static final Pattern NAME_LIST = Pattern.compile("\\S+(\\s+)?,(\\s+)?");

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").required().notEmpty().singleLine().aliases("host")
                    .doc("the host to add or remove (looked up lower-cased, as ssh-keygen -F NAME)"))
            .add(Param.string("key").doc("the line as ssh-keyscan prints it: '[MARKER] HOSTS TYPE KEY'; its host field must match name. "
                    + "Required with state=present; one line"))
            .add(Param.string("path").defaultValue("~/.ssh/known_hosts")
                    .doc("the known_hosts file; '~' is the connecting user's home"))
            .add(Param.bool("hash_host").defaultValue(false).doc("write the host field hashed (|1|SALT|HASH), as ssh-keygen -H"))
            .add(Param.choice("state", "present", "absent").defaultValue("present")
                    .doc("present adds the key (or replaces the host's key of its type); absent removes the key, or without key every entry of the host"))
            .build();

    /** What ssh-keygen -F found, read as Ansible's search_for_host_key reads it. */
    private record Search(boolean found, boolean replaceOrAdd, Integer line) { }

    @Override public String name() { return "known_hosts"; }

    @Override public List<String> aliases() { return List.of("ansible.builtin.known_hosts"); }

    @Override public String summary() { return "Add or remove a host's key in a known_hosts file (as ansible.builtin.known_hosts)"; }

    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - name: Trust the git server's key
                  known_hosts:
                    name: git.example.com
                    key: "git.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMkCaRFFVACh9dvy+xJ7l2yo32IWsEWVif8iMniJp3GK"
                    path: /etc/ssh/ssh_known_hosts

                - name: Forget an old host, hashed entries included
                  ansible.builtin.known_hosts:
                    name: old.example.com
                    state: absent
                """;
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        String path = p.string("path");
        return home(path) ? List.of(new Probe.Shell("echo ~")) : fileProbes(path, host(p));
    }

    private static boolean home(String path) {
        return path.equals("~") || path.startsWith("~/");
    }

    private static String host(Params p) {
        return p.string("name").toLowerCase(Locale.ROOT);
    }

    private static List<Probe> fileProbes(String path, String host) {
        return List.of(new Probe.Stat(path), new Probe.Read(path), new Probe.Run(List.of("ssh-keygen", "-F", host, "-f", path)));
    }

    @Override
    public Change plan(Params p, Host target) {
        String host = host(p);
        boolean present = p.string("state").equals("present");
        String key = p.optional("key").filter(k -> !k.isEmpty()).orElse(null);
        if (key == null && present) throw new ModuleException("No key specified when adding a host");
        String path = p.string("path");
        if (!path.startsWith("/") && !home(path)) {
            throw new ModuleException("path must be absolute or start with ~/ (the connecting user's home), got " + Shown.quoted(path));
        }
        List<ProbeResult> r = target.probe(firstProbes(p));
        if (home(path)) {
            if (!r.get(0).ok() || !r.get(0).text().strip().startsWith("/")) {
                throw new ModuleException("cannot find the connecting user's home for " + path + ": " + r.get(0).error().strip());
            }
            path = r.get(0).text().strip() + path.substring(1);
            r = target.probe(fileProbes(path, host));
        }
        if (key != null) key = checked(host, key, p.bool("hash_host") ? salt(target.name(), path, host, key) : null);
        FileState file = r.get(0).fileState();
        if (file == null) throw new ModuleException("cannot inspect " + path + ": " + r.get(0).error().strip());
        ProbeResult keygen = r.get(2);
        if (file.exists() && keygen.exitCode() == 127) {
            throw new ModuleException("Failed to find required executable \"ssh-keygen\" on " + target.name());
        }
        Search s = file.exists() ? search(keygen, key) : new Search(false, false, null);
        Map<String, Object> outputs = outputs(p, path);
        if (!present && s.line() == null && key != null) return Change.none(outputs);
        if (!s.replaceOrAdd() && s.found() == present) return Change.none(outputs);

        String before = r.get(1).ok() ? r.get(1).text() : "";
        if (s.found() && key == null) {
            // ssh-keygen -R removes every entry of the host (keeping the old file as PATH.old), as Ansible runs it
            String after = without(before, foundLines(keygen));
            return Change.of(List.of(Diff.update(path, before, after)),
                    List.of(Step.Run.of("ssh-keygen", "-R", host, "-f", path))).withOutputs(outputs);
        }
        String after = rewritten(before, s.replaceOrAdd() || !present ? s.line() : null, present ? key : null);
        Diff diff = file.exists() ? Diff.update(path, before, after) : Diff.create(path, after);
        return Change.of(List.of(diff), List.of(Step.WriteFile.of(path, after.getBytes(StandardCharsets.UTF_8), null))).withOutputs(outputs);
    }

    /**
     * The key line as it is written, with its line end: one line, hashed with {@code salt} when
     * given, and found by ssh-keygen -F for {@code host} (Ansible's sanity_check).
     */
    static String checked(String host, String key, byte[] salt) {
        String k = key.endsWith("\n") ? key.substring(0, key.length() - 1) : key;
        if (k.contains("\n") || k.contains("\r")) throw new ModuleException("key must be one known_hosts line, got several: " + Shown.quoted(key));
        List<String> f = new ArrayList<>(Arrays.asList(k.strip().split("\\s+")));
        int at = !f.isEmpty() && f.get(0).startsWith("@") ? 1 : 0;
        if (f.size() < at + 3) {
            throw new ModuleException("key must be a known_hosts line '[MARKER] HOSTS TYPE KEY' (as ssh-keyscan prints it), got " + Shown.quoted(key));
        }
        if (salt != null) {
            f.set(at, HostField.hashed(salt, host));
            k = String.join(" ", f);
        }
        if (NAME_LIST.matcher(host).find()) {
            throw new ModuleException("Comma separated list of names is not supported. Please pass a single name to lookup in the known_hosts file.");
        }
        if (!HostField.matches(f.get(at), host)) throw new ModuleException("Host parameter does not match hashed host field in supplied key");
        return k + "\n";
    }

    /** Ansible's search_for_host_key over ssh-keygen -F's answer. */
    private static Search search(ProbeResult keygen, String key) {
        String out = keygen.text();
        if (out.isEmpty() && keygen.error().isEmpty() && (keygen.exitCode() == 0 || keygen.exitCode() == 1)) return new Search(false, false, null);
        if (keygen.exitCode() != 0) {
            throw new ModuleException("ssh-keygen failed (rc=" + keygen.exitCode() + ", stdout='" + out + "',stderr='" + keygen.error() + "')");
        }
        if (key == null) return new Search(true, false, null);
        Map<String, String> wanted = normalized(key);
        Integer line = null;
        for (String l : out.split("\n", -1)) {
            if (l.isEmpty()) continue;
            if (l.charAt(0) == '#') {
                Matcher m = FOUND.matcher(l);
                if (!m.find()) throw new ModuleException("failed to parse output of ssh-keygen for line number: '" + l + "'");
                line = Integer.parseInt(m.group(1));
                continue;
            }
            Map<String, String> found = normalized(l);
            if (wanted.get("host").startsWith("|1|") && found.get("host").startsWith("|1|")) wanted.put("host", found.get("host"));
            if (wanted.equals(found)) return new Search(true, false, line);
            if (wanted.get("type").equals(found.get("type"))) return new Search(true, true, line);
        }
        return new Search(true, true, null);
    }

    /** Ansible's normalize_known_hosts_key: marker, host field, type and key; the rest (a comment) left out. */
    private static Map<String, String> normalized(String line) {
        String[] k = line.strip().split("\\s+");
        int at = k[0].startsWith("@") ? 1 : 0;
        if (k.length < at + 3) throw new ModuleException("cannot read the known_hosts line " + Shown.quoted(line));
        Map<String, String> d = new LinkedHashMap<>();
        if (at == 1) d.put("options", k[0]);
        d.put("host", k[at]);
        d.put("type", k[at + 1]);
        d.put("key", k[at + 2]);
        return d;
    }

    /** The lines ssh-keygen -F reported, by number. */
    private static Set<Integer> foundLines(ProbeResult keygen) {
        Set<Integer> lines = new LinkedHashSet<>();
        for (String l : keygen.text().split("\n")) {
            Matcher m = FOUND.matcher(l);
            if (l.startsWith("#") && m.find()) lines.add(Integer.parseInt(m.group(1)));
        }
        return lines;
    }

    private static String without(String text, Set<Integer> drop) {
        List<String> lines = PythonText.readLines(text);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) if (!drop.contains(i + 1)) b.append(lines.get(i));
        return b.toString();
    }

    /**
     * Ansible's rewrite: every line but {@code skip} (1-based, may be null), then {@code key}. A last
     * line without its line end is ended first (Ansible runs the key into it).
     */
    static String rewritten(String text, Integer skip, String key) {
        StringBuilder b = new StringBuilder();
        List<String> lines = PythonText.readLines(text);
        for (int i = 0; i < lines.size(); i++) if (skip == null || skip != i + 1) b.append(lines.get(i));
        if (key != null) {
            if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') b.append('\n');
            b.append(key);
        }
        return b.toString();
    }

    /**
     * hash_host's salt: Ansible draws it at random on every run; Rigger derives it from the target,
     * the file, the name and the key, so that a plan shows exactly what apply writes.
     */
    private static byte[] salt(String target, String path, String host, String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(String.join("\0", "known_hosts", target, path, host, key)
                    .getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(d, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ansible returns its parameters (path expanded). */
    private static Map<String, Object> outputs(Params p, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", p.string("name"));
        p.optional("key").ifPresent(k -> out.put("key", k));
        out.put("path", path);
        out.put("hash_host", p.bool("hash_host"));
        out.put("state", p.string("state"));
        return out;
    }
}
