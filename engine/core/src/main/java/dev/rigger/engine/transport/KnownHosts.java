package dev.rigger.engine.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A known_hosts file judged as OpenSSH judges it (its {@code hostfile.c} and {@code match.c}),
 * not as JSch does: a host on port 22 is looked up as {@code host}, on another port as
 * {@code [host]:port}, and a pattern matches the whole of that name ({@code h4} never matches
 * {@code [h4]:2222}); patterns are comma lists with {@code *}, {@code ?} and {@code !}
 * negation, or one hashed name ({@code |1|salt|HMAC-SHA1}); an {@code @revoked} line whose
 * patterns match refuses its key for that host, whatever other line trusts it.
 */
final class KnownHosts {
    /** What a known_hosts says of a key offered by a host. */
    enum Verdict { KNOWN, REVOKED, CHANGED, UNKNOWN }

    /** One line: an optional marker ({@code @revoked}, {@code @cert-authority}), patterns, the key. */
    record Entry(int line, String marker, String patterns, String type, byte[] key) { }

    private final List<Entry> entries;

    KnownHosts(List<Entry> entries) {
        this.entries = new CopyOnWriteArrayList<>(entries);
    }

    static KnownHosts read(Path file) throws IOException {
        return parse(Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of());
    }

    /** Lines that are not entries (comments, blanks, garbage) are skipped, as OpenSSH skips them. */
    static KnownHosts parse(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split("[ \\t]+");
            if (f.length == 0 || f[0].isEmpty() || f[0].startsWith("#")) continue;
            int at = f[0].startsWith("@") ? 1 : 0;
            if (f.length < at + 3) continue;
            try {
                out.add(new Entry(i + 1, at == 1 ? f[0] : null, f[at], f[at + 1], Base64.getDecoder().decode(f[at + 2])));
            } catch (IllegalArgumentException notBase64) {
                // skipped: OpenSSH does the same with a line it cannot read
            }
        }
        return new KnownHosts(out);
    }

    /** The name OpenSSH looks a host up by. */
    static String lookupName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** {@code host} as {@link #lookupName} gives it (JSch passes that form), and the offered key blob. */
    Verdict check(String host, byte[] key) {
        String name = host.toLowerCase(Locale.ROOT); // as ssh does before it looks a host up
        String type = keyType(key);
        boolean sameType = false;
        for (Entry e : entries) {
            if ("@revoked".equals(e.marker()) && MessageDigest.isEqual(e.key(), key) && matches(e.patterns(), name)) return Verdict.REVOKED;
        }
        for (Entry e : entries) {
            if (e.marker() != null || !matches(e.patterns(), name)) continue;
            if (MessageDigest.isEqual(e.key(), key)) return Verdict.KNOWN;
            if (e.type().equals(type)) sameType = true;
        }
        return sameType ? Verdict.CHANGED : Verdict.UNKNOWN;
    }

    /** Records a key accepted on first use (the caller writes it to the file). */
    void add(String name, byte[] key) {
        entries.add(new Entry(0, null, name, keyType(key), key.clone()));
    }

    /** The line numbers whose patterns match {@code name} (what {@code ssh-keygen -F} lists). */
    List<Integer> linesMatching(String name) {
        return entries.stream().filter(e -> matches(e.patterns(), name)).map(Entry::line).toList();
    }

    /** OpenSSH's {@code match_hostname}: a negated pattern that matches wins, else any that matches. */
    static boolean matches(String patterns, String name) {
        // a hashed name is compared as given (as ssh-keygen -F does; ssh lowercases its host first, see check)
        if (patterns.startsWith("|1|")) return hashedMatches(patterns, name);
        String n = name.toLowerCase(Locale.ROOT);
        boolean any = false;
        for (String p : patterns.split(",")) {
            boolean negated = p.startsWith("!");
            String pat = (negated ? p.substring(1) : p).toLowerCase(Locale.ROOT);
            if (!glob(pat, 0, n, 0)) continue;
            if (negated) return false;
            any = true;
        }
        return any;
    }

    private static boolean hashedMatches(String hashed, String name) {
        String[] f = hashed.split("\\|");
        if (f.length != 4) return false;
        try {
            byte[] salt = Base64.getDecoder().decode(f[2]);
            byte[] want = Base64.getDecoder().decode(f[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return MessageDigest.isEqual(want, mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** {@code *} any run, {@code ?} one character, all else literal. */
    private static boolean glob(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) if (glob(p, pi + 1, s, k)) return true;
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si))) return false;
            pi++;
            si++;
        }
        return si == s.length();
    }

    /** The type named at the start of an SSH key blob ({@code ssh-ed25519}, ...), or "" if unreadable. */
    static String keyType(byte[] blob) {
        if (blob.length < 4) return "";
        int n = ByteBuffer.wrap(blob).getInt();
        return n < 0 || n > blob.length - 4 ? "" : new String(blob, 4, n, StandardCharsets.US_ASCII);
    }
}
