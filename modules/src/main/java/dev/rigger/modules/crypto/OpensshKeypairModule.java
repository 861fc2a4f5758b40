package dev.rigger.modules.crypto;

import dev.rigger.modules.files.Attributes;
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
import dev.rigger.spi.StepResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenSSH key pair (PATH and PATH.pub), as community.crypto.openssh_keypair with its opensshbin
 * backend: the host's {@code ssh-keygen} reads the existing key ({@code -l}, {@code -P '' -y}) and
 * makes a new one; the module's rules decide when (regenerate), a public key that does not match
 * the private one or the wanted comment is written again without regenerating, and mode, owner and
 * group apply to both files.
 */
public final class OpensshKeypairModule implements Module {
    private static final ParamSpec SPEC = Attributes.declare(ParamSpec.builder()
            .add(Param.string("path").required().absolutePath().doc("the private key's file; the public key is PATH.pub"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("whether the key pair should exist"))
            .add(Param.integer("size").doc("bits of the key: rsa 4096 by default (at least 1024), dsa exactly 1024, ecdsa 256 (or 384, 521); ignored for ed25519 (256)"))
            .add(Param.choice("type", "rsa", "dsa", "rsa1", "ecdsa", "ed25519").defaultValue("rsa").doc("the key's algorithm (rsa1 only where the host's ssh-keygen still makes it)"))
            .add(Param.bool("force").defaultValue(false).doc("make a new key even when the existing one fits (as regenerate: always)"))
            .add(Param.string("comment").singleLine().doc("the public key's comment; changed without making a new key"))
            .add(Param.choice("regenerate", "never", "fail", "partial_idempotence", "full_idempotence", "always")
                    .defaultValue("partial_idempotence").doc("when an existing key is made again, as the module's rules say (see below)"))
            .add(Param.string("passphrase").secret().doc("refused unless empty: community.crypto encrypts keys only with its cryptography backend"))
            .add(Param.choice("private_key_format", "auto", "pkcs1", "pkcs8", "ssh").defaultValue("auto")
                    .doc("only auto, as community.crypto's opensshbin backend (ssh-keygen's own format)"))
            .add(Param.choice("backend", "auto", "cryptography", "opensshbin").defaultValue("auto")
                    .doc("auto or opensshbin: the host's ssh-keygen; cryptography is refused")))
            .build();
    /**
     * A new key pair made in a private folder ({@code mktemp -d}: mode 0700, a name nobody can
     * guess) inside the key's own folder, so no one who can write there can put a link where
     * ssh-keygen writes, and the moves into place stay renames on one filesystem; the folder is
     * removed on every path (failure, signal). As Ansible's atomic move, a file replaced keeps its
     * mode and owners ({@code keep}), a new one has ssh-keygen's. Values are positional
     * arguments, never script text: $1 the key's folder, $2 size, $3 type, $4 comment, $5 the
     * key, $6 its .pub, $7 and $8 {@code keep} or {@code new} for each.
     */
    static final String GENERATE = """
            d=$(mktemp -d -- "$1/.rigger-keypair.XXXXXXXXXX") || exit 1
            trap 'rm -rf -- "$d"' EXIT
            trap 'exit 1' HUP INT TERM
            keep() { chmod --reference="$2" -- "$1" && chown --reference="$2" -- "$1"; }
            ssh-keygen -q -N '' -b "$2" -t "$3" -f "$d/key" -C "$4" || exit
            if [ "$7" = keep ]; then keep "$d/key" "$5" || exit; fi
            mv -f -- "$d/key" "$5" || exit
            if [ "$8" = keep ]; then keep "$d/key.pub" "$6" || exit; fi
            mv -f -- "$d/key.pub" "$6"
            """;
    private static final String UNREADABLE = "Unable to read the key. The key is protected with a passphrase or broken. "
            + "Will not proceed. To force regeneration, call the module with `generate` set to `full_idempotence` or `always`, or with `force=true`.";
    private static final String WRONG = "Key has wrong type and/or size. Will not proceed. To force regeneration, call the module with `generate` set to "
            + "`partial_idempotence`, `full_idempotence` or `always`, or with `force=true`.";

    @Override public String name() { return "openssh_keypair"; }
    @Override public List<String> aliases() { return List.of("community.crypto.openssh_keypair", "ansible.builtin.openssh_keypair"); }
    @Override public String summary() { return "An OpenSSH private and public key pair, made with the host's ssh-keygen"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- community.crypto.openssh_keypair:\n    path: /etc/ssh/ssh_host_ed25519_key\n    type: ed25519\n    comment: host key\n    mode: \"0600\"";
    }

    /** The key's size, type and fingerprint as {@code ssh-keygen -l} says them. */
    record PrivateKey(int size, String type, String fingerprint) { }

    /** A public key file's words: type, data and comment ("" when none). */
    record PublicKey(String type, String data, String comment) {
        @Override public String toString() { return type + " " + data; }
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        String path = p.string("path");
        return List.of(new Probe.Stat(path), new Probe.Stat(path + ".pub"), new Probe.Stat(parent(path)),
                new Probe.Run(List.of("ssh-keygen", "-l", "-f", path)),
                new Probe.Run(List.of("ssh-keygen", "-P", "", "-y", "-f", path)),
                new Probe.Read(path + ".pub"));
    }

    @Override
    public Change plan(Params p, Host host) {
        String path = p.string("path");
        String pubPath = path + ".pub";
        String type = p.string("type");
        int size = size(type, p.has("size") ? p.integer("size") : null);
        if (p.has("passphrase") && !p.string("passphrase").isEmpty()) {
            throw new ModuleException("passphrase: community.crypto encrypts a key only with its cryptography backend (Python's cryptography library), "
                    + "which Rigger does not have; ssh-keygen would need it on its command line, so Rigger refuses it");
        }
        if (p.string("backend").equals("cryptography")) {
            throw new ModuleException("backend=cryptography (Python's cryptography library) is not built into Rigger: use auto or opensshbin (the host's ssh-keygen)");
        }
        if (!p.string("private_key_format").equals("auto")) {
            throw new ModuleException("'auto' is the only valid option for 'private_key_format' when 'backend' is not 'cryptography'");
        }
        List<ProbeResult> r = host.probe(firstProbes(p));
        FileState cur = r.get(0).fileState();
        FileState curPub = r.get(1).fileState();
        FileState dir = r.get(2).fileState();
        if (cur == null || curPub == null) throw new ModuleException("cannot examine " + path);
        if (dir == null || dir.type() != FileState.Type.DIRECTORY) {
            throw new ModuleException("The directory " + parent(path) + " does not exist or the file is not a directory");
        }
        if (cur.type() == FileState.Type.DIRECTORY) throw new ModuleException(path + " is a directory. Please specify a path to a file.");
        PrivateKey origPriv = cur.exists() ? privateKey(r.get(3)) : null;
        PublicKey origPub = curPub.exists() && r.get(5).ok() ? publicKeyFile(r.get(5).text()) : null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("size", size);
        out.put("type", type);
        out.put("filename", path);
        out.put("fingerprint", origPriv == null ? "" : origPriv.fingerprint());
        out.put("public_key", origPub == null ? "" : origPub.toString());
        out.put("comment", origPub == null ? "" : origPub.comment());

        if (p.string("state").equals("absent")) {
            if (!cur.exists() && !curPub.exists()) return Change.none(out);
            List<Diff> diffs = new ArrayList<>();
            if (cur.exists()) diffs.add(Diff.delete(path, describe(origPriv, null)));
            if (curPub.exists()) diffs.add(Diff.delete(pubPath, origPub == null ? "not a public key" : "public key" + comment(origPub.comment())));
            return new Change(Change.Kind.CHANGE, "", diffs, List.of(Step.Run.of("rm", "-f", "--", path, pubPath)), out, true);
        }

        String regenerate = p.bool("force") ? "always" : p.string("regenerate");
        ProbeResult matching = r.get(4);
        boolean readable = !(matching.exitCode() == 255 || matching.error().contains("is not a public key file")
                || matching.error().contains("incorrect passphrase") || matching.error().contains("load failed"));
        if (cur.exists() && List.of("never", "fail", "partial_idempotence").contains(regenerate) && (origPriv == null || !readable)) {
            // ssh-keygen's own reason (bad permissions: a private key open to group or others) after the module's words
            String why = matching.error().strip().lines().reduce((x, y) -> y).orElse("");
            throw new ModuleException(UNREADABLE + (why.isEmpty() ? "" : " (ssh-keygen: " + why + ")"));
        }
        boolean valid = origPriv != null && origPriv.size() == size && origPriv.type().equals(type);
        boolean generate = switch (regenerate) {
            case "never" -> origPriv == null;
            case "fail" -> {
                if (origPriv != null && !valid) throw new ModuleException(WRONG);
                yield origPriv == null;
            }
            case "partial_idempotence", "full_idempotence" -> !valid;
            default -> true;
        };
        String comment = p.has("comment") ? p.string("comment") : null;
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        FileState privAfter = cur;
        FileState pubAfter = curPub;
        boolean rewritten = false;
        if (generate) {
            steps.add(new Step.Run(List.of("sh", "-c", GENERATE, "openssh_keypair", parent(path), String.valueOf(size), type,
                    comment == null ? "" : comment, path, pubPath, cur.exists() ? "keep" : "new", curPub.exists() ? "keep" : "new"), null));
            String wanted = "new " + type + " " + size + "-bit key" + comment(comment == null ? "" : comment);
            diffs.add(cur.exists() ? Diff.update(path, describe(origPriv, readable ? null : "unreadable"), wanted + (regenerate.equals("always") ? " (forced)" : ""))
                    : Diff.create(path, wanted));
            diffs.add(curPub.exists() ? Diff.update(pubPath, origPub == null ? "not a public key" : "public key" + comment(origPub.comment()), "its public key")
                    : Diff.create(pubPath, "its public key"));
            if (!cur.exists()) privAfter = FileState.absent(path);
            if (!curPub.exists()) pubAfter = FileState.absent(pubPath);
        } else {
            PublicKey derived = matchingPublicKey(matching.text());
            boolean pubValid = origPub != null && derived != null && origPub.type().equals(derived.type()) && origPub.data().equals(derived.data())
                    && (comment == null || comment.equals(origPub.comment()));
            if (!pubValid) {
                rewritten = true;
                if (derived == null) throw new ModuleException("unexpected error occurred: ssh-keygen -y could not read the public key of " + path);
                steps.add(new Step.WriteFile(pubPath, (derived + "\n").getBytes(StandardCharsets.UTF_8), null, null, null, false, null));
                String after = comment != null && !comment.isEmpty() ? comment : "";
                if (!after.isEmpty()) steps.add(Step.Run.of("ssh-keygen", "-q", "-o", "-c", "-C", comment, "-f", path));
                diffs.add(curPub.exists() ? Diff.update(pubPath, origPub == null ? "not a public key" : "public key" + comment(origPub.comment()), "public key" + comment(after))
                        : Diff.create(pubPath, "public key" + comment(after)));
                if (!curPub.exists()) pubAfter = FileState.absent(pubPath);
            }
        }
        List<Diff> attrs = Attributes.diffs(p, privAfter, false);
        List<Diff> pubAttrs = Attributes.diffs(p, pubAfter, false);
        diffs.addAll(attrs);
        diffs.addAll(pubAttrs);
        steps.addAll(Attributes.steps(p, path, attrs));
        steps.addAll(Attributes.steps(p, pubPath, pubAttrs));
        // what the module registers is read again after a change (outputs); check mode registers what is there now, as Ansible's
        if (generate) steps.add(Step.Run.of("ssh-keygen", "-l", "-f", path));
        if (generate || rewritten) steps.add(Step.Run.of("cat", "--", pubPath));
        Change c = (diffs.isEmpty() ? Change.none() : new Change(Change.Kind.CHANGE, "", diffs, steps, Map.of(), true)).withOutputs(out);
        // always makes a new key on every run: its re-plan would always change
        return generate && regenerate.equals("always") ? c.unverifiable() : c;
    }

    @Override
    public Map<String, Object> outputs(Params p, List<StepResult> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (StepResult res : results) {
            if (!(res.step() instanceof Step.Run run) || res.exitCode() != 0) continue;
            if (run.argv().size() == 4 && run.argv().get(0).equals("ssh-keygen") && run.argv().get(1).equals("-l")) {
                PrivateKey k = privateKey(ProbeResult.of(0, res.stdout().getBytes(StandardCharsets.UTF_8), ""));
                if (k != null) out.put("fingerprint", k.fingerprint());
            }
            if (run.argv().get(0).equals("cat")) {
                PublicKey k = publicKeyFile(res.stdout());
                out.put("public_key", k == null ? "" : k.toString());
                out.put("comment", k == null ? "" : k.comment());
            }
        }
        return out;
    }

    /** The size the module asks for: its defaults and limits per type, with its messages. */
    static int size(String type, Integer size) {
        return switch (type) {
            case "rsa", "rsa1" -> {
                int s = size == null ? 4096 : size;
                if (s < 1024) {
                    throw new ModuleException("For RSA keys, the minimum size is 1024 bits and the default is 4096 bits. "
                            + "Attempting to use bit lengths under 1024 will cause the module to fail.");
                }
                yield s;
            }
            case "dsa" -> {
                int s = size == null ? 1024 : size;
                if (s != 1024) throw new ModuleException("DSA keys must be exactly 1024 bits as specified by FIPS 186-2.");
                yield s;
            }
            case "ecdsa" -> {
                int s = size == null ? 256 : size;
                if (s != 256 && s != 384 && s != 521) {
                    throw new ModuleException("For ECDSA keys, size determines the key length by selecting from one of three elliptic curve sizes: 256, 384 or 521 bits. "
                            + "Attempting to use bit lengths other than these three values for ECDSA keys will cause this module to fail.");
                }
                yield s;
            }
            default -> 256;
        };
    }

    /** What {@code ssh-keygen -l -f PATH} says, as the module reads it (first size and fingerprint, last word's type); null when it cannot. */
    static PrivateKey privateKey(ProbeResult r) {
        String[] words = r.text().strip().split("\\s+");
        if (words.length < 2) return null;
        try {
            String last = words[words.length - 1];
            return new PrivateKey(Integer.parseInt(words[0]), last.length() < 2 ? "" : last.substring(1, last.length() - 1).toLowerCase(java.util.Locale.ROOT), words[1]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A public key file as the module loads it: spaces and newlines stripped, three words at most; null with fewer than two. */
    static PublicKey publicKeyFile(String text) {
        String[] w = stripSpacesAndNewlines(text).split(" ", 3);
        if (w.length < 2) return null;
        return new PublicKey(w[0], w[1], w.length > 2 ? w[2] : "");
    }

    /** The public key {@code ssh-keygen -y} derives, as the module reads it (newlines stripped); null when it printed no key. */
    static PublicKey matchingPublicKey(String text) {
        String s = text;
        while (s.startsWith("\n")) s = s.substring(1);
        while (s.endsWith("\n")) s = s.substring(0, s.length() - 1);
        String[] w = s.split(" ", 3);
        if (w.length < 2) return null;
        return new PublicKey(w[0], w[1], w.length > 2 ? w[2] : "");
    }

    private static String stripSpacesAndNewlines(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\n')) a++;
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\n')) b--;
        return s.substring(a, b);
    }

    private static String describe(PrivateKey k, String note) {
        if (k == null) return "not a key ssh-keygen reads";
        return k.type() + " " + k.size() + "-bit key " + k.fingerprint() + (note == null ? "" : " (" + note + ")");
    }

    private static String comment(String c) {
        return c.isEmpty() ? ", no comment" : ", comment '" + c + "'";
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
