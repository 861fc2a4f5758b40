package dev.rigger.engine.plan;

import dev.rigger.spi.Diff;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed digest of a planned change: its status, every before/after and every step field by
 * field (a command's argv as a list, a write's path, bytes, mode, owner, group, backup and
 * validate). Two plans with the same fingerprint under the same key would do the same thing to
 * the host. HMAC-SHA256 with a random key per plan (kept in the plan file): without the key a
 * fingerprint says nothing about what it covers, so a short secret in a change cannot be found by
 * trying candidates against it.
 */
public final class Fingerprint {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Mac mac;

    /** @param key the plan's key ({@link #newKey}) */
    public Fingerprint(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh random key of 32 bytes. */
    public static byte[] newKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    /** Each part length-prefixed, so no two sequences of parts run together alike. */
    public Fingerprint add(String part) {
        return part == null ? bytes(null) : bytes(part.getBytes(StandardCharsets.UTF_8));
    }

    private Fingerprint bytes(byte[] b) {
        String head = b == null ? "n:" : b.length + ":";
        mac.update(head.getBytes(StandardCharsets.US_ASCII));
        if (b != null) mac.update(b);
        return this;
    }

    private Fingerprint list(List<String> parts) {
        if (parts == null) return add(null);
        add("list" + parts.size());
        for (String p : parts) add(p);
        return this;
    }

    public Fingerprint add(List<Diff> diffs, List<Step> steps) {
        add("diffs" + diffs.size());
        for (Diff d : diffs) add(d.subject()).add(d.action().name()).add(d.before()).add(d.after());
        add("steps" + steps.size());
        for (Step s : steps) {
            if (s instanceof Step.Run r) add("run").list(r.argv()).bytes(r.stdin());
            else if (s instanceof Step.Shell sh) add("shell").add(sh.script());
            else if (s instanceof Step.Reboot r) add("reboot").add(String.join("\0", r.command())).add(r.bootTimeCommand()).add(r.testCommand());
            else if (s instanceof Step.WriteFile w) add("write").add(w.path()).bytes(w.content()).add(String.valueOf(w.mode()))
                    .add(w.owner()).add(w.group()).add(String.valueOf(w.backup())).list(w.validate());
            else if (s instanceof Step.WriteLocal l) add("write-local").add(l.path()).bytes(l.content());
            else add(s.getClass().getName()).add(s.describe());
        }
        return this;
    }

    public String hex() {
        return HexFormat.of().formatHex(mac.doFinal());
    }
}
