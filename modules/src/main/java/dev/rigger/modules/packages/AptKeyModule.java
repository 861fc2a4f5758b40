package dev.rigger.modules.packages;

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
import dev.rigger.spi.StepResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A key in apt's trusted keys, as ansible.builtin.apt_key (2.14): the keys the host has are what
 * {@code apt-key [--keyring K] adv --list-public-keys --keyid-format=long} lists (pub and sub lines
 * not expired, their long ids, cut to 8 digits for an 8-digit id), the key's id is the task's
 * {@code id} or the first public key of {@code data}, {@code file} or the key at {@code url}
 * (read here from the OpenPGP packets: the host's bytes are probed, never handed to a command
 * line), and a key is added with {@code apt-key add} (the bytes on stdin) or removed with
 * {@code apt-key del SHORT_ID}. One round trip.
 */
public final class AptKeyModule implements Module {
    private static final Pattern HEX = Pattern.compile("(0[xX])?[0-9a-fA-F]+");
    private static final String ARMOR = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("id").singleLine()
                    .doc("the key's id: 8 or 16 hex digits, or more (a fingerprint; 0x allowed); default: the id of the first public key of data, file or url"))
            .add(Param.string("data").doc("the key itself (armored, or its binary packets), added with apt-key add - on stdin"))
            .add(Param.string("file").singleLine().absolutePath().doc("an absolute path to a key file on the host, added with apt-key add FILE"))
            .add(Param.string("keyring").singleLine().doc("the keyring file apt-key reads and writes (apt-key --keyring FILE); default: apt's trusted keys"))
            .add(Param.string("url").singleLine().doc("a URL the host fetches the key from (curl), added with apt-key add - on stdin"))
            .add(Param.string("keyserver").singleLine()
                    .doc("a keyserver to receive the key from: refused when the key must be added (Rigger does not reach keyservers), fine when the id is already there or for state=absent"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("present adds the key unless its id is listed; absent removes it (apt-key del)"))
            .add(Param.bool("validate_certs").defaultValue(true).doc("false lets curl fetch an https key from a host whose certificate it cannot verify"))
            .mutuallyExclusive("data", "file", "keyserver", "url")
            .build();

    @Override public String name() { return "apt_key"; }

    @Override public List<String> aliases() { return List.of("ansible.builtin.apt_key"); }

    @Override public String summary() { return "Add or remove a key in apt's trusted keys with apt-key (as ansible.builtin.apt_key)"; }

    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - name: Trust a repository's key from the web
                  apt_key:
                    url: https://deb.example.com/key.asc
                    keyring: /etc/apt/trusted.gpg.d/example.gpg

                - name: A key file already on the host, checked by its fingerprint
                  ansible.builtin.apt_key:
                    id: 2C6FBA8DB00BC278B2B11815C0148AE2BB137A1B
                    file: /etc/keys/example.asc

                - name: Forget an old key
                  apt_key:
                    id: BB137A1B
                    state: absent
                """;
    }

    /**
     * apt-key's listing of a keyring given as {@code $1}: none when it does not exist, as apt-key
     * would list it, but without the empty file apt-key's gpg leaves behind (a probe writes nothing).
     */
    static final String LIST_KEYRING = "[ -e \"$1\" ] || exit 0; exec apt-key --keyring \"$1\" adv --list-public-keys --keyid-format=long";

    /** apt-key's listing of the keys in {@code keyring} (all of apt's with none). */
    static List<String> list(Params p) {
        return p.optional("keyring").map(k -> List.of("sh", "-c", LIST_KEYRING, "apt_key", k))
                .orElse(List.of("apt-key", "adv", "--list-public-keys", "--keyid-format=long"));
    }

    /** apt-key with its keyring option and then {@code words}. */
    private static List<String> aptKey(Params p, String... words) {
        List<String> argv = new ArrayList<>(List.of("apt-key"));
        p.optional("keyring").ifPresent(k -> { argv.add("--keyring"); argv.add(k); });
        argv.addAll(List.of(words));
        return argv;
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        List<Probe> out = new ArrayList<>(List.of(new Probe.Run(list(p))));
        p.optional("file").ifPresent(f -> out.add(new Probe.Read(f)));
        p.optional("url").ifPresent(u -> out.add(new Probe.Run(RpmKeyModule.curl(p, u))));
        return out;
    }

    @Override
    public Change plan(Params p, Host host) {
        List<ProbeResult> r = host.probe(firstProbes(p));
        ProbeResult listed = r.get(0);
        if (listed.exitCode() == 127) throw new ModuleException("Failed to find required executable \"apt-key\" in paths on " + host.name());
        if (!listed.ok()) throw new ModuleException("Unable to list public keys: " + listed.error().strip());
        String id = p.optional("id").orElse(null);
        String file = p.optional("file").orElse(null);
        String url = p.optional("url").orElse(null);
        byte[] bytes = p.optional("data").map(d -> d.getBytes(StandardCharsets.UTF_8)).orElse(null);
        ProbeResult fetched = url == null ? null : r.get(file == null ? 1 : 2);
        if (id == null) {
            if (p.optional("keyserver").isPresent()) throw new ModuleException("Missing key_id, required with keyserver.");
            if (url != null) bytes = download(url, fetched);
            if (file != null) {
                ProbeResult read = r.get(1);
                if (!read.ok()) throw new ModuleException("Unable to extract key from '" + file + "': " + read.error().strip());
                id = keyId(read.output(), "'" + file + "'");
            } else if (bytes != null && bytes.length > 0) {
                id = keyId(bytes, "'inline data'");
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id == null ? "" : id);
        if (id == null || !HEX.matcher(id).matches()) throw new ModuleException("Invalid key_id" + (id == null ? "" : " " + id));
        String keyId = id.toUpperCase(Locale.ROOT);
        if (keyId.startsWith("0X")) keyId = keyId.substring(2);
        if (keyId.length() != 8 && keyId.length() < 16) throw new ModuleException("Invalid key_id " + id);
        String shortId = keyId.substring(keyId.length() - 8);
        String fp = keyId.substring(Math.max(0, keyId.length() - 16));
        boolean shortFormat = keyId.length() == 8;
        List<String> before = keys(listed.text(), shortFormat);
        out.put("short_id", shortId);
        out.put("fp", fp);
        out.put("key_id", keyId);
        out.put("before", before);
        String subject = "apt key " + keyId + p.optional("keyring").map(k -> " in " + k).orElse("");
        if (p.string("state").equals("absent")) {
            if (!before.contains(fp)) return Change.none(out);
            return Change.of(List.of(Diff.delete(subject, "present")),
                    List.of(Step.Run.of(aptKey(p, "del", shortId)), Step.Run.of(list(p)))).withOutputs(out);
        }
        if (before.contains(shortFormat ? shortId : fp)) return Change.none(out);
        Step add;
        String from;
        if (file != null) {
            add = Step.Run.of(aptKey(p, "add", file));   // absolute: never an option
            from = file;
        } else if (p.optional("keyserver").isPresent()) {
            throw new ModuleException("apt_key cannot receive key " + keyId + " from keyserver " + p.string("keyserver")
                    + ": Rigger does not reach keyservers; give the key by data, file or url");
        } else if (url != null) {
            if (bytes == null) bytes = download(url, fetched);
            add = new Step.Run(aptKey(p, "add", "-"), bytes);
            from = url;
        } else if (bytes != null) {
            add = new Step.Run(aptKey(p, "add", "-"), bytes);
            from = "inline data";
        } else {
            // Ansible fails here only when applying ("No key to add"); its check mode says changed
            return Change.unknown("key " + keyId + " is not listed and no data, file or url gives it (Ansible: No key to add)").withOutputs(out);
        }
        return Change.of(List.of(Diff.create(subject, from)), List.of(add, Step.Run.of(list(p)))).withOutputs(out);
    }

    /** The listing the last step printed, as Ansible's {@code after}. */
    @Override
    public Map<String, Object> outputs(Params p, List<StepResult> results) {
        if (results.isEmpty()) return Map.of();
        String id = p.optional("id").orElse("");
        String k = id.toUpperCase(Locale.ROOT);
        if (k.startsWith("0X")) k = k.substring(2);
        return Map.of("after", keys(results.get(results.size() - 1).stdout(), k.length() == 8));
    }

    private static byte[] download(String url, ProbeResult fetched) {
        if (fetched.exitCode() == 127) throw new ModuleException("apt_key needs curl on the host to fetch " + url);
        if (!fetched.ok()) throw new ModuleException("Failed to download key at " + url + ": " + fetched.error().strip());
        return fetched.output();
    }

    /** Ansible's parse_output_for_keys on apt-key's listing: pub and sub lines not expired, their long ids. */
    static List<String> keys(String listing, boolean shortFormat) {
        List<String> found = new ArrayList<>();
        for (String line : listing.split("\n", -1)) {
            if (!(line.startsWith("pub") || line.startsWith("sub")) || line.contains("expired")) continue;
            String[] tokens = line.strip().split("\\s+");
            String code;
            if (tokens.length > 1 && tokens[1].split("/", -1).length == 2) {
                code = tokens[1].split("/", -1)[1];
            } else {
                String[] f = line.split(":", -1);
                if (f.length < 5) continue;
                code = f[4];
            }
            found.add(shortFormat ? code.substring(Math.max(0, code.length() - 8)) : code);
        }
        return found;
    }

    /** The long id of the first public key (or subkey) in armored or binary OpenPGP data, as gpg --with-colons prints it. */
    static String keyId(byte[] data, String what) {
        try {
            byte[] packets = data;
            String text = new String(data, StandardCharsets.ISO_8859_1);
            int at = text.indexOf(ARMOR);
            if (at >= 0) packets = dearmor(text.substring(at + ARMOR.length()));
            int i = 0;
            while (i < packets.length) {
                int b = packets[i++] & 0xff;
                if ((b & 0x80) == 0) break;
                int tag;
                long len;
                if ((b & 0x40) != 0) {
                    tag = b & 0x3f;
                    int o1 = packets[i++] & 0xff;
                    if (o1 < 192) len = o1;
                    else if (o1 < 224) len = ((o1 - 192) << 8) + (packets[i++] & 0xff) + 192;
                    else if (o1 == 255) { len = be(packets, i, 4); i += 4; }
                    else break;
                } else {
                    tag = (b >> 2) & 0xf;
                    int t = b & 3;
                    if (t == 3) len = packets.length - i;
                    else { int n = 1 << t; len = be(packets, i, n); i += n; }
                }
                if (len < 0 || i + len > packets.length) break;
                if (tag == 6 || tag == 14) return idOf(packets, i, (int) len);
                i += (int) len;
            }
        } catch (RuntimeException e) {
            throw new ModuleException("Unable to extract key from " + what + ": " + e.getMessage());
        }
        throw new ModuleException("Unable to extract key from " + what + ": no valid OpenPGP public key found");
    }

    private static String idOf(byte[] p, int off, int len) {
        int version = p[off] & 0xff;
        HexFormat hex = HexFormat.of().withUpperCase();
        if (version == 4) {
            try {
                MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
                sha1.update(new byte[] {(byte) 0x99, (byte) (len >> 8), (byte) len});
                sha1.update(p, off, len);
                byte[] fpr = sha1.digest();
                return hex.formatHex(fpr, 12, 20);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        if (version == 3 || version == 2) {   // the low 64 bits of the RSA modulus
            int bits = (int) be(p, off + 8, 2);
            int end = off + 10 + (bits + 7) / 8;
            return hex.formatHex(p, end - 8, end);
        }
        throw new IllegalArgumentException("key packet version " + version + " is not read");
    }

    private static long be(byte[] b, int off, int n) {
        long v = 0;
        for (int k = 0; k < n; k++) v = (v << 8) | (b[off + k] & 0xff);
        return v;
    }

    private static byte[] dearmor(String afterHeader) {
        String[] lines = afterHeader.split("\r?\n", -1);
        StringBuilder b64 = new StringBuilder();
        boolean body = false;
        for (int k = 1; k < lines.length; k++) {
            String l = lines[k].strip();
            if (!body) {
                if (l.isEmpty()) body = true;
                else if (!l.contains(":")) { body = true; b64.append(l); }
                continue;
            }
            if (l.startsWith("=") || l.startsWith("-----")) break;
            b64.append(l);
        }
        return Base64.getMimeDecoder().decode(b64.toString());
    }
}
