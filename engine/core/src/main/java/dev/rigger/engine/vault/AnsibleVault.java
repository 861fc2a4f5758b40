package dev.rigger.engine.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads Ansible Vault text as {@code ansible-vault} writes it, so an operator's encrypted
 * {@code group_vars} work unchanged (Rigger writes its own format, {@link Vault}):
 * <pre>
 * $ANSIBLE_VAULT;1.1;AES256            (or $ANSIBLE_VAULT;1.2;AES256;LABEL)
 * hex( hex(salt) "\n" hex(hmac) "\n" hex(ciphertext) ), wrapped at 80 columns
 * </pre>
 * PBKDF2-HMAC-SHA256 of the password and salt, 10,000 iterations, gives 80 bytes: the AES-256
 * key, the HMAC-SHA256 key, the CTR counter block. The HMAC covers the ciphertext and is checked
 * before decrypting; the plain text is PKCS#7 padded. Reading only: Rigger never writes it.
 */
public final class AnsibleVault {
    static final String MAGIC = "$ANSIBLE_VAULT";
    private static final int ITERATIONS = 10_000;

    /** One {@code --vault-id}: a label ({@code default} when none was given) and its password. */
    public record Id(String label, char[] password) {
        public Id {
            if (password == null || password.length == 0) throw new IllegalArgumentException("the vault password of id '" + label + "' is empty");
        }
    }

    private final List<Id> ids;

    public AnsibleVault(List<Id> ids) {
        this.ids = List.copyOf(ids);
    }

    /** Whether {@code text} is Ansible Vault text, by its header. */
    public static boolean isEncrypted(String text) {
        return text != null && text.stripLeading().startsWith(MAGIC + ";");
    }

    /**
     * The plain text. As Ansible does, the id named in a 1.2 header is tried first, then every
     * other password given.
     *
     * @throws VaultException no password opens it (naming the label the file asks for), or the text is malformed
     */
    public byte[] decrypt(String text) throws VaultException {
        String t = text.strip();
        int nl = t.indexOf('\n');
        String[] head = (nl < 0 ? t : t.substring(0, nl)).strip().split(";");
        if (head.length < 3 || !head[0].equals(MAGIC) || !(head[1].equals("1.1") || head[1].equals("1.2"))) {
            throw new VaultException("unsupported Ansible vault header '" + String.join(";", head) + "' (Rigger reads 1.1 and 1.2)");
        }
        if (!head[2].strip().equals("AES256")) throw new VaultException("unsupported Ansible vault cipher '" + head[2] + "' (only AES256)");
        String label = head[1].equals("1.2") && head.length > 3 ? head[3].strip() : null;
        byte[][] parts = parts(nl < 0 ? "" : t.substring(nl + 1));
        if (ids.isEmpty()) throw new VaultException("no vault password was given" + (label == null ? "" : " (the file asks for vault id '" + label + "')"));
        List<Id> order = new ArrayList<>();
        for (Id id : ids) if (id.label().equals(label)) order.add(id);
        for (Id id : ids) if (!id.label().equals(label)) order.add(id);
        for (Id id : order) {
            byte[] plain = open(parts, id.password());
            if (plain != null) return plain;
        }
        throw new VaultException("no vault password given opens it" + (label == null ? "" : " (it was encrypted with vault id '" + label + "')")
                + ", or the file was altered");
    }

    public String decryptToString(String text) throws VaultException {
        return new String(decrypt(text), StandardCharsets.UTF_8);
    }

    /** salt, hmac, ciphertext out of the hex-of-hex body. */
    private static byte[][] parts(String body) throws VaultException {
        try {
            String inner = new String(HexFormat.of().parseHex(body.replaceAll("\\s", "")), StandardCharsets.US_ASCII);
            String[] p = inner.split("\n");
            if (p.length != 3) throw new VaultException("Ansible vault body is malformed (expected salt, hmac and ciphertext)");
            HexFormat hex = HexFormat.of();
            return new byte[][] {hex.parseHex(p[0].strip()), hex.parseHex(p[1].strip()), hex.parseHex(p[2].strip())};
        } catch (IllegalArgumentException e) {
            throw new VaultException("Ansible vault body is not hexadecimal: " + e.getMessage());
        }
    }

    /** The plain text, or null when the HMAC says this password is not the one. */
    private static byte[] open(byte[][] parts, char[] password) throws VaultException {
        byte[] keys = null;
        try {
            PBEKeySpec spec = new PBEKeySpec(password, parts[0], ITERATIONS, 80 * 8);
            keys = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys, 32, 32, "HmacSHA256"));
            if (!MessageDigest.isEqual(mac.doFinal(parts[2]), parts[1])) return null;
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys, 0, 32, "AES"), new IvParameterSpec(keys, 64, 16));
            return unpad(c.doFinal(parts[2]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES-CTR, HMAC-SHA256 or PBKDF2WithHmacSHA256", e);
        } finally {
            if (keys != null) Arrays.fill(keys, (byte) 0);
        }
    }

    private static byte[] unpad(byte[] b) throws VaultException {
        int n = b.length == 0 ? 0 : b[b.length - 1] & 0xff;
        if (n < 1 || n > 16 || n > b.length) throw new VaultException("Ansible vault padding is malformed");
        return Arrays.copyOf(b, b.length - n);
    }
}
