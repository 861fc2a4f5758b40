package dev.rigger.modules.postgresql;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Password hashes as PostgreSQL stores them in pg_authid.rolpassword, computed here so the clear
 * text never reaches the host: md5 ("md5" and md5(password || user) in hex) and SCRAM-SHA-256
 * (RFC 5802/7677: a 16-byte salt, 4096 iterations, the server's defaults; the password
 * SASLprep'd as libpq does, {@link Saslprep}), and the
 * collection's comparison of a password with a stored hash (user_should_we_change_password).
 */
final class PgPassword {
    static final Pattern SCRAM = Pattern.compile("^SCRAM-SHA-256\\$(\\d+):([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$");

    private PgPassword() { }

    static boolean isMd5(String password) {
        return password.startsWith("md5") && password.length() == 35;
    }

    static String md5(String password, String user) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return "md5" + HexFormat.of().formatHex(md.digest((password + user).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A SCRAM-SHA-256 verifier of {@code password} for {@code role}. Its salt is derived from both
     * (an HMAC keyed by the password, unknowable without it) rather than random, so the same task
     * plans the same statement each time: a saved plan's fingerprint holds, and a role's
     * verifier only changes when its password does.
     */
    static String scram(String password, String role) {
        byte[] salt = java.util.Arrays.copyOf(hmac(password.getBytes(StandardCharsets.UTF_8),
                ("rigger scram salt\0" + role).getBytes(StandardCharsets.UTF_8)), 16);
        return scram(password, salt, 4096);
    }

    static String scram(String password, byte[] salt, int iterations) {
        byte[] salted = salted(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = sha256(clientKey);
        byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        Base64.Encoder b64 = Base64.getEncoder();
        return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
                + b64.encodeToString(serverKey);
    }

    /** Whether {@code password} is the one a stored SCRAM verifier was made from (its ServerKey, as the collection checks). */
    static boolean scramMatches(String password, String verifier) {
        Matcher m = SCRAM.matcher(verifier);
        if (!m.matches()) return false;
        try {
            int iterations = Integer.parseInt(m.group(1));
            byte[] salt = Base64.getDecoder().decode(m.group(2));
            byte[] serverKey = Base64.getDecoder().decode(m.group(4));
            byte[] mine = hmac(salted(password, salt, iterations), "Server Key".getBytes(StandardCharsets.US_ASCII));
            return MessageDigest.isEqual(mine, serverKey);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] salted(String password, byte[] salt, int iterations) {
        byte[] key = Saslprep.key(password);
        byte[] first = new byte[salt.length + 4];
        System.arraycopy(salt, 0, first, 0, salt.length);
        first[salt.length + 3] = 1;
        byte[] u = hmac(key, first);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = hmac(key, u);
            for (int j = 0; j < result.length; j++) result[j] ^= u[j];
        }
        return result;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
