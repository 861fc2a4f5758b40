package dev.rigger.modules.ssh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The host field of a known_hosts line and whether a name matches it, as OpenSSH's ssh-keygen -F
 * decides: a hashed field {@code |1|SALT|HASH} matches when HMAC-SHA1(SALT, name) is HASH; a plain
 * field is a comma-separated pattern list ({@code *} and {@code ?} wildcards, {@code !} negates,
 * case-insensitive) that matches when a pattern matches and no negated one does.
 */
final class HostField {
    private HostField() { }

    /** Whether ssh-keygen -F NAME would find a line whose host field is {@code field}. */
    static boolean matches(String field, String name) {
        if (field.startsWith("|1|")) {
            String[] f = field.split("\\|", -1);
            if (f.length != 4) return false;
            try {
                return f[3].equals(Base64.getEncoder().encodeToString(hmac(Base64.getDecoder().decode(f[2]), name)));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        String host = name.toLowerCase(Locale.ROOT);
        boolean found = false;
        for (String pattern : field.split(",", -1)) {
            boolean negated = pattern.startsWith("!");
            String p = (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT);
            if (wildcard(host, 0, p, 0)) {
                if (negated) return false;
                found = true;
            }
        }
        return found;
    }

    /** {@code |1|SALT|HASH} of {@code name} with {@code salt} (20 bytes), as ssh-keygen -H writes it. */
    static String hashed(byte[] salt, String name) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hmac(salt, name));
    }

    private static byte[] hmac(byte[] salt, String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OpenSSH's match_pattern: '*' any run, '?' any one character. */
    private static boolean wildcard(String s, int i, String p, int j) {
        while (j < p.length()) {
            char c = p.charAt(j);
            if (c == '*') {
                for (int k = i; k <= s.length(); k++) if (wildcard(s, k, p, j + 1)) return true;
                return false;
            }
            if (i >= s.length() || (c != '?' && c != s.charAt(i))) return false;
            i++;
            j++;
        }
        return i == s.length();
    }
}
