package dev.rigger.modules.packages;

import dev.rigger.modules.Curl;
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
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A GPG key in the host's RPM database, as ansible.builtin.rpm_key (2.14): the key is a file on
 * the host, a URL the host fetches (curl), or a key id; its id is read by the host's gpg (the
 * {@code pub:} line's fifth field), and it counts as imported when that id is part of a key id
 * gpg reads from {@code rpm -q gpg-pubkey --qf '%{description}'}, exactly Ansible's test. One
 * round trip.
 */
public final class RpmKeyModule implements Module {
    private static final List<String> GPG = List.of("gpg", "--no-tty", "--batch", "--with-colons", "--fixed-list-mode", "--with-fingerprint");
    /** Ansible's is_key_imported: no gpg-pubkey package is no key; otherwise gpg reads every installed key. */
    static final String INSTALLED = "command -v rpm >/dev/null || exit 127; rpm -q gpg-pubkey >/dev/null 2>&1 || exit 0; "
            + "rpm -q gpg-pubkey --qf '%{description}' | gpg --no-tty --batch --with-colons --fixed-list-mode -";
    /** The fetched key, the bytes the plan checked, imported from a file of its own (rpm cannot read a pipe). */
    static final String IMPORT_STDIN = "t=$(mktemp) || exit; cat >\"$t\" && rpm --import \"$t\"; rc=$?; rm -f \"$t\"; exit $rc";
    /** Ansible's is_keyid: re.match, so only the start of the value is tested. */
    private static final Pattern KEY_ID = Pattern.compile("^(0x)?[0-9a-f]{8}", Pattern.CASE_INSENSITIVE);
    private static final Pattern PUBKEY = Pattern.compile(".*?(-----BEGIN PGP PUBLIC KEY BLOCK-----.*?-----END PGP PUBLIC KEY BLOCK-----).*", Pattern.DOTALL);

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("key").required().notEmpty().singleLine()
                    .doc("an absolute path to an armored key file on the host, an http(s):// URL the host fetches, or a key id (8 or more hex digits, 0x allowed: only with state=absent or an imported key)"))
            .add(Param.choice("state", "present", "absent").defaultValue("present")
                    .doc("present imports the key (rpm --import) unless its id is imported; absent erases it (rpm --erase --allmatches gpg-pubkey-ID)"))
            .add(Param.string("fingerprint").singleLine()
                    .doc("the key's full fingerprint (spaces allowed); a key that does not have it is not imported"))
            .add(Param.bool("validate_certs").defaultValue(true).doc("false lets curl fetch an https key from a host whose certificate it cannot verify"))
            .build();

    /** Where the key comes from. */
    private enum Source { URL, KEY_ID, FILE }

    @Override public String name() { return "rpm_key"; }

    @Override public List<String> aliases() { return List.of("ansible.builtin.rpm_key"); }

    @Override public String summary() { return "Add or remove a GPG key in the RPM database (as ansible.builtin.rpm_key)"; }

    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - name: Trust the repository's signing key
                  rpm_key:
                    key: /etc/pki/rpm-gpg/RPM-GPG-KEY-example
                    fingerprint: 2C6F BA8D B00B C278 B2B1 1815 C014 8AE2 BB13 7A1B

                - name: Import a key from the web
                  ansible.builtin.rpm_key:
                    key: https://repo.example.com/RPM-GPG-KEY

                - name: Forget an old key by its id
                  rpm_key:
                    key: 0xBB137A1B
                    state: absent
                """;
    }

    private static Source source(String key) {
        if (key.contains("://")) return Source.URL;
        if (KEY_ID.matcher(key).find()) return Source.KEY_ID;
        return Source.FILE;
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        String key = p.string("key");
        List<Probe> out = new ArrayList<>(List.of(new Probe.Shell(INSTALLED)));
        switch (source(key)) {
            case URL -> {
                out.add(new Probe.Run(curl(p, key)));
                List<String> fetchAndRead = new ArrayList<>(List.of("sh", "-c", String.join(" ", curl(p, "\"$1\"")) + " | "
                        + String.join(" ", GPG) + " -", "rpm_key", key));
                out.add(new Probe.Run(fetchAndRead));
            }
            case FILE -> {
                if (key.startsWith("/")) {
                    out.add(new Probe.Run(List.of("test", "-f", key)));   // os.path.isfile: links followed
                    List<String> argv = new ArrayList<>(GPG);
                    argv.add(key);
                    out.add(new Probe.Run(argv));
                }
            }
            case KEY_ID -> { }
        }
        return out;
    }

    /** curl as get_url runs it, the URL after {@code --} so it is never an option (apt_key's too). */
    static List<String> curl(Params p, String url) {
        return Curl.argv(p.bool("validate_certs"), List.of("--fail"), url);
    }

    @Override
    public Change plan(Params p, Host host) {
        String key = p.string("key");
        Source source = source(key);
        if (source == Source.FILE && !key.startsWith("/")) {
            throw new ModuleException("Not a valid key " + key + " (a key file must be given by its absolute path on the host)");
        }
        List<ProbeResult> r = host.probe(firstProbes(p));
        ProbeResult installed = r.get(0);
        if (installed.exitCode() == 127) throw new ModuleException("Failed to find required executable \"rpm\" on " + host.name());
        if (!installed.ok()) throw new ModuleException(installed.error().strip());
        byte[] fetched = null;
        String keyInfo = null;
        String keyid;
        switch (source) {
            case URL -> {
                ProbeResult body = r.get(1);
                if (body.exitCode() == 127) throw new ModuleException("rpm_key needs curl on " + host.name() + " to fetch " + key);
                if (!body.ok()) throw new ModuleException("failed to fetch key at " + key + " , error was: " + body.error().strip());
                if (!PUBKEY.matcher(body.text()).matches()) throw new ModuleException("Not a public key: " + key);
                fetched = body.output();
                keyInfo = gpgAnswer(r.get(2));
                keyid = field(keyInfo, "pub:", 4);
            }
            case FILE -> {
                if (!r.get(1).ok()) throw new ModuleException("Not a valid key " + key);
                keyInfo = gpgAnswer(r.get(2));
                keyid = field(keyInfo, "pub:", 4);
            }
            default -> keyid = key;
        }
        keyid = normalized(keyid);
        boolean imported = imported(installed.text(), keyid);
        if (p.string("state").equals("absent")) {
            if (!imported) return Change.none();
            String name = "gpg-pubkey-" + keyid.substring(Math.max(0, keyid.length() - 8)).toLowerCase(Locale.ROOT);
            return Change.of(List.of(Diff.delete("rpm key " + keyid, name)), List.of(Step.Run.of("rpm", "--erase", "--allmatches", name)));
        }
        if (imported) return Change.none();
        if (keyInfo == null) throw new ModuleException("When importing a key, a valid file must be given");
        String wanted = p.optional("fingerprint").map(f -> f.replace(" ", "").toUpperCase(Locale.ROOT)).orElse("");
        if (!wanted.isEmpty()) {
            String has = field(keyInfo, "fpr:", 9);
            if (!wanted.equals(has)) {
                throw new ModuleException("The specified fingerprint, '" + wanted + "', does not match the key fingerprint '" + has + "'");
            }
        }
        Step step = fetched == null ? Step.Run.of("rpm", "--import", key) : new Step.Run(List.of("sh", "-c", IMPORT_STDIN, "rpm_key"), fetched);
        return Change.of(List.of(Diff.create("rpm key " + keyid, key)), List.of(step));
    }

    private static String gpgAnswer(ProbeResult gpg) {
        if (gpg.exitCode() == 127) throw new ModuleException("Failed to find required executable \"gpg\"");
        if (!gpg.ok()) throw new ModuleException(gpg.error().strip());
        return gpg.text();
    }

    /** Field {@code index} (0-based) of gpg's first line starting with {@code tag}, as getkeyid and getfingerprint read it. */
    static String field(String colons, String tag, int index) {
        for (String line : colons.split("\n")) {
            line = line.strip();
            if (!line.startsWith(tag)) continue;
            String[] f = line.split(":", -1);
            if (f.length > index) return f[index];
        }
        throw new ModuleException("Unexpected gpg output");
    }

    /** Ansible's normalize_keyid: stripped, upper-cased, without 0x. */
    static String normalized(String keyid) {
        String k = keyid.strip().toUpperCase(Locale.ROOT);
        return k.startsWith("0X") ? k.substring(2) : k;
    }

    /** Ansible's test: the key id is part of the key id field of a line gpg printed for the installed keys. */
    static boolean imported(String installedColons, String keyid) {
        for (String line : installedColons.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length > 4 && f[4].contains(keyid)) return true;
        }
        return false;
    }
}
