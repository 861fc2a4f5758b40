package dev.rigger.engine.plan;

import dev.rigger.spi.Diff;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A digest of a planned change: its status, every before/after and every step with its exact
 * bytes. Two plans with the same digest would do the same thing to the host; the digest of a
 * secret-bearing change does not reveal the secret's text in a plan file.
 */
public final class Fingerprint {
    private final MessageDigest md;

    public Fingerprint() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Fingerprint add(String part) {
        byte[] b = (part == null ? "\u0000null" : part).getBytes(StandardCharsets.UTF_8);
        md.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) ':');
        md.update(b);
        return this;
    }

    public Fingerprint add(List<Diff> diffs, List<Step> steps) {
        for (Diff d : diffs) add(d.subject()).add(d.action().name()).add(d.before()).add(d.after());
        for (Step s : steps) {
            add(s.getClass().getSimpleName()).add(s.describe());
            if (s instanceof Step.WriteFile w) add(new String(w.content(), StandardCharsets.ISO_8859_1)).add(String.valueOf(w.mode()))
                    .add(w.owner()).add(w.group());
            if (s instanceof Step.Run r && r.stdin() != null) add(new String(r.stdin(), StandardCharsets.ISO_8859_1));
        }
        return this;
    }

    public String hex() {
        return HexFormat.of().formatHex(md.digest());
    }
}
