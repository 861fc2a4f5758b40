package dev.rigger.engine.vault;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * The text form of a vault, as Ansible's: one clear header line naming the format, then base64
 * lines of {@code salt || iv || ciphertext+tag}.
 * <pre>
 * $RIGGER_VAULT;1;AES256-GCM;PBKDF2-SHA256;600000
 * 3q2+7w...
 * </pre>
 * The header is authenticated (GCM associated data), so editing it breaks decryption.
 */
final class VaultFormat {
    static final String MAGIC = "$RIGGER_VAULT";
    static final String PREFIX = MAGIC + ";1;AES256-GCM;PBKDF2-SHA256;";
    static final int SALT_BYTES = 16;
    static final int IV_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final int LINE = 76;

    private VaultFormat() { }

    /** Whether {@code text} is a vault (of any version): its first line starts with the magic. */
    static boolean isVault(String text) {
        return text != null && text.stripLeading().startsWith(MAGIC);
    }

    static String header(int iterations) {
        return PREFIX + iterations;
    }

    static String encode(Sealed s) {
        byte[] body = ByteBuffer.allocate(s.salt().length + s.iv().length + s.ciphertext().length)
                .put(s.salt()).put(s.iv()).put(s.ciphertext()).array();
        String b64 = Base64.getEncoder().encodeToString(body);
        StringBuilder out = new StringBuilder(header(s.iterations())).append('\n');
        for (int i = 0; i < b64.length(); i += LINE) out.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
        return out.toString();
    }

    /** The parts of a vault's text; anything malformed is a {@link VaultException} saying what. */
    static Sealed decode(String text) throws VaultException {
        return decode(text, VaultCipher.MIN_ITERATIONS);
    }

    /** As above, accepting iteration counts from {@code minIterations} (tests write cheap files). */
    static Sealed decode(String text, int minIterations) throws VaultException {
        String t = text.strip();
        int nl = t.indexOf('\n');
        String head = (nl < 0 ? t : t.substring(0, nl)).strip();
        if (!head.startsWith(MAGIC)) throw new VaultException("not a Rigger vault (no " + MAGIC + " header)");
        if (!head.startsWith(PREFIX)) throw new VaultException("unsupported vault header '" + head + "' (this Rigger reads " + PREFIX + "<iterations>)");
        int iterations;
        try {
            iterations = Integer.parseInt(head.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            throw new VaultException("vault header has no iteration count: '" + head + "'");
        }
        if (iterations < minIterations || iterations > VaultCipher.MAX_ITERATIONS) {
            throw new VaultException(String.format("vault header asks for %,d PBKDF2 iterations; only %,d to %,d are accepted (refused before deriving a key)",
                    iterations, minIterations, VaultCipher.MAX_ITERATIONS));
        }
        byte[] body;
        try {
            body = Base64.getDecoder().decode(nl < 0 ? "" : t.substring(nl + 1).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new VaultException("vault body is not base64: " + e.getMessage());
        }
        if (body.length < SALT_BYTES + IV_BYTES + TAG_BYTES) throw new VaultException("vault is truncated (" + body.length + " bytes of data)");
        ByteBuffer b = ByteBuffer.wrap(body);
        byte[] salt = new byte[SALT_BYTES];
        byte[] iv = new byte[IV_BYTES];
        byte[] ct = new byte[body.length - SALT_BYTES - IV_BYTES];
        b.get(salt).get(iv).get(ct);
        return new Sealed(iterations, salt, iv, ct);
    }
}
