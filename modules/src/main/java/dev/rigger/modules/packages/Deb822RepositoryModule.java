package dev.rigger.modules.packages;

import dev.rigger.modules.Curl;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A deb822 apt source, /etc/apt/sources.list.d/SLUG.sources, as ansible.builtin.deb822_repository
 * (ansible-core 2.15+; 2.14 has no such module, so its documented behaviour is ported): the file
 * is {@link Deb822Source}'s text of the given parameters, a {@code signed_by} URL is fetched by the
 * host (curl) into /etc/apt/keyrings/SLUG.asc or .gpg, and absent removes the file and both key
 * files. The cache is not updated (as Ansible: use apt's update_cache). One round trip.
 */
public final class Deb822RepositoryModule implements Module {
    static final String KEYRINGS = "/etc/apt/keyrings";
    /** The parameters that are no deb822 field. */
    private static final Set<String> NOT_FIELDS = Set.of("mode", "state", "install_python_debian");
    /** A URL scheme as Python's urlparse finds one. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").required().notEmpty().singleLine()
                    .doc("the repository's name: X-Repolib-Name, and its slug (lower case, '_' and spaces as '-', other characters but a-z0-9- left out) names the files"))
            .add(Param.list("types").defaultValue(List.of("deb")).doc("deb and/or deb-src"))
            .add(Param.list("uris").doc("URIs: the archives' base URIs"))
            .add(Param.list("suites").doc("Suites: codenames, or an exact path ending in '/' (then without components)"))
            .add(Param.list("components").doc("Components"))
            .add(Param.string("signed_by").doc("Signed-By: a URL the host fetches into /etc/apt/keyrings/SLUG.asc (armored) or .gpg, the path of a keyring file on the host, "
                    + "fingerprints, or an armored key block (written into the file)"))
            .add(Param.bool("enabled").doc("Enabled: yes/no"))
            .add(Param.list("architectures").doc("Architectures"))
            .add(Param.list("languages").doc("Languages"))
            .add(Param.list("targets").doc("Targets"))
            .add(Param.bool("trusted").doc("Trusted"))
            .add(Param.bool("allow_insecure").doc("Allow-Insecure"))
            .add(Param.bool("allow_weak").doc("Allow-Weak"))
            .add(Param.bool("allow_downgrade_to_insecure").doc("Allow-Downgrade-To-Insecure"))
            .add(Param.bool("by_hash").doc("By-Hash"))
            .add(Param.bool("check_date").doc("Check-Date"))
            .add(Param.bool("check_valid_until").doc("Check-Valid-Until"))
            .add(Param.integer("date_max_future").doc("Date-Max-Future"))
            .add(Param.string("inrelease_path").singleLine().doc("Inrelease-Path"))
            .add(Param.bool("pdiffs").doc("Pdiffs"))
            .add(Param.mode("mode").defaultValue(0644).doc("the mode of the .sources file, set on every run"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("absent removes the .sources file and the key files /etc/apt/keyrings/SLUG.asc and .gpg"))
            .add(Param.bool("install_python_debian").defaultValue(true)
                    .doc("accepted for Ansible's playbooks: Rigger needs no python3-debian on the host, so there is nothing to install"))
            .build();

    @Override public String name() { return "deb822_repository"; }

    @Override public List<String> aliases() { return List.of("ansible.builtin.deb822_repository"); }

    @Override public String summary() { return "Add or remove a deb822 .sources apt repository (as ansible.builtin.deb822_repository)"; }

    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - name: Add debian repo
                  deb822_repository:
                    name: debian
                    types: deb
                    uris: http://deb.debian.org/debian
                    suites: stretch
                    components:
                      - main
                      - contrib
                      - non-free

                - name: Add repo using key from URL
                  ansible.builtin.deb822_repository:
                    name: example
                    types: deb
                    uris: https://download.example.com/linux/ubuntu
                    suites: '{{ ansible_distribution_release }}'
                    components: stable
                    architectures: amd64
                    signed_by: https://download.example.com/linux/ubuntu/gpg
                """;
    }

    private static String sources(Params p) {
        return "/etc/apt/sources.list.d/" + Deb822Source.slug(p.string("name")) + ".sources";
    }

    private static String keyFile(Params p, String ext) {
        return KEYRINGS + "/" + Deb822Source.slug(p.string("name")) + "." + ext;
    }

    /** Whether signed_by is a URL: Python's urlparse finds a scheme (after leading control characters and spaces). */
    static boolean isUrl(String v) {
        int i = 0;
        while (i < v.length() && v.charAt(i) <= ' ') i++;
        return SCHEME.matcher(v.substring(i).replaceAll("[\t\r\n]", "")).find();
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        String src = sources(p);
        List<Probe> out = new ArrayList<>(List.of(new Probe.Stat(src), new Probe.Read(src),
                new Probe.Stat(keyFile(p, "asc")), new Probe.Read(keyFile(p, "asc")),
                new Probe.Stat(keyFile(p, "gpg")), new Probe.Read(keyFile(p, "gpg")), new Probe.Stat(KEYRINGS)));
        p.optional("signed_by").ifPresent(v -> {
            out.add(new Probe.Run(List.of("test", "-f", v)));   // os.path.isfile
            if (isUrl(v)) out.add(new Probe.Run(Curl.argv(true, List.of("--fail"), v)));
        });
        return out;
    }

    @Override
    public Change plan(Params p, Host host) {
        for (String t : p.list("types")) {
            if (!t.equals("deb") && !t.equals("deb-src")) throw new ModuleException("value of types must be one or more of: deb, deb-src. Got no match for: " + t);
        }
        List<ProbeResult> r = host.probe(firstProbes(p));
        String src = sources(p);
        FileState file = r.get(0).fileState();
        if (p.string("state").equals("absent")) return absent(p, r);

        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        String keyFilename = null;
        Deb822Source stanza = new Deb822Source();
        for (Map.Entry<String, Object> e : new TreeMap<>(p.values()).entrySet()) {
            if (e.getValue() == null || NOT_FIELDS.contains(e.getKey())) continue;
            Object value = e.getValue();
            if (e.getKey().equals("signed_by")) {
                String v = (String) value;
                if (r.get(7).ok()) {
                    keyFilename = v;
                } else if (isUrl(v)) {
                    ProbeResult fetched = r.get(8);
                    if (!fetched.ok()) throw new ModuleException("Could not fetch signed_by key: " + fetched.error().strip());
                    keyFilename = fetched.output().length == 0 ? v : fetchedKey(p, r, fetched.output(), diffs, steps);
                }
                value = keyFilename != null ? keyFilename : v;
            }
            stanza.put(e.getKey(), value);
        }
        String repo = stanza.text();
        int mode = p.integer("mode");
        String before = file.exists() && r.get(1).ok() ? r.get(1).text() : null;
        if (!repo.equals(before)) {
            diffs.add(before == null ? Diff.create(src, repo) : Diff.update(src, before, repo));
            steps.add(Step.WriteFile.of(src, repo.getBytes(StandardCharsets.UTF_8), mode));
        } else if ((file.mode() & 07777) != mode) {
            diffs.add(Diff.update(src + " mode", FileState.octal(file.mode() & 07777), FileState.octal(mode)));
            steps.add(Step.Run.of("chmod", Integer.toOctalString(mode), "--", src));
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("repo", repo);
        outputs.put("dest", src);
        if (keyFilename != null) outputs.put("key_filename", keyFilename);   // Ansible's None: the SPI's outputs hold no null
        return steps.isEmpty() ? Change.none(outputs) : Change.of(diffs, steps).withOutputs(outputs);
    }

    /** write_signed_by_key for a fetched key: SLUG.asc when armored, else SLUG.gpg, 0644, in a root-owned 0755 keyrings folder. */
    private static String fetchedKey(Params p, List<ProbeResult> r, byte[] key, List<Diff> diffs, List<Step> steps) {
        boolean armored = new String(key, StandardCharsets.ISO_8859_1).contains("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        String path = keyFile(p, armored ? "asc" : "gpg");
        int at = armored ? 2 : 4;
        FileState state = r.get(at).fileState();
        boolean same = state.exists() && r.get(at + 1).ok() && Arrays.equals(r.get(at + 1).output(), key);
        if (!same) {
            FileState dir = r.get(6).fileState();
            if (!dir.exists() || (dir.mode() & 07777) != 0755 || !"root".equals(dir.owner()) || !"root".equals(dir.group())) {
                diffs.add(dir.exists() ? Diff.update(KEYRINGS, dir.owner() + ":" + dir.group() + " " + FileState.octal(dir.mode() & 07777), "root:root 0755")
                        : Diff.create(KEYRINGS, "directory root:root 0755"));
                steps.add(Step.Run.of("install", "-d", "-m", "0755", "-o", "root", "-g", "root", "--", KEYRINGS));
            }
            diffs.add(state.exists() ? Diff.update(path, "a key of " + state.size() + " bytes", "the key fetched (" + key.length + " bytes)")
                    : Diff.create(path, "the key fetched (" + key.length + " bytes)"));
            steps.add(Step.WriteFile.of(path, key, 0644));
        } else if ((state.mode() & 07777) != 0644) {
            diffs.add(Diff.update(path + " mode", FileState.octal(state.mode() & 07777), "0644"));
            steps.add(Step.Run.of("chmod", "644", "--", path));
        }
        return path;
    }

    /** Removes the .sources file and both key files, as Ansible; registers the .gpg name as key_filename (its loop's last). */
    private static Change absent(Params p, List<ProbeResult> r) {
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        String[] paths = {sources(p), keyFile(p, "asc"), keyFile(p, "gpg")};
        for (int i = 0; i < 3; i++) {
            if (!r.get(2 * i).fileState().exists()) continue;
            diffs.add(Diff.delete(paths[i], r.get(2 * i + 1).ok() && i == 0 ? r.get(1).text() : "a file"));
            steps.add(Step.Run.of("rm", "-f", "--", paths[i]));
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        // Ansible also registers repo: None, which the SPI's outputs cannot hold
        outputs.put("dest", paths[0]);
        outputs.put("key_filename", paths[2]);
        return steps.isEmpty() ? Change.none(outputs) : Change.of(diffs, steps).withOutputs(outputs);
    }
}
