package com.example.rigger.sshkey;

import dev.rigger.spi.ModuleException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One public key as OpenSSH writes it: {@code type base64 [comment]}. Two lines hold the same
 * key when type and base64 body match; the comment is only a label.
 */
record KeyLine(String type, String body, String comment) {
    private static final Pattern TYPE = Pattern.compile("(ssh|ecdsa|sk)-[a-z0-9@.-]+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    /** Parses the {@code key} parameter; every way it can be wrong gets its own message. */
    static KeyLine parse(String text) {
        if (text == null || text.isBlank()) throw new ModuleException("key is empty");
        String s = text.strip();
        if (s.contains("\n") || s.contains("\r")) {
            throw new ModuleException("key must be a single line (one key per task); it contains a line break");
        }
        if (s.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
            throw new ModuleException("key contains a control character");
        }
        String[] f = s.split("\\s+", 3);
        if (!TYPE.matcher(f[0]).matches()) {
            throw new ModuleException("key must look like 'TYPE BASE64 [COMMENT]' (e.g. 'ssh-ed25519 AAAAC3... me@laptop'); "
                    + "'" + f[0] + "' is not a key type" + (f[0].contains("=") ? " (key options are not supported)" : ""));
        }
        if (f.length < 2 || !BASE64.matcher(f[1]).matches()) {
            throw new ModuleException("key of type " + f[0] + " has no base64 body after its type");
        }
        checkBody(f[0], f[1]);
        return new KeyLine(f[0], f[1], f.length > 2 ? f[2].strip() : "");
    }

    /** The body of an OpenSSH key starts with its own type name; a mismatch is a copy-paste error. */
    private static void checkBody(String type, String body) {
        String inner;
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(body));
            int n = b.getInt();
            if (n < 1 || n > b.remaining()) throw new IllegalArgumentException("bad length");
            byte[] name = new byte[n];
            b.get(name);
            inner = new String(name, StandardCharsets.US_ASCII);
        } catch (RuntimeException e) {
            throw new ModuleException("key of type " + type + " has a body that is not an OpenSSH public key");
        }
        if (!inner.equals(type)) {
            throw new ModuleException("key says it is " + type + " but its body is a " + inner + " key");
        }
    }

    /** True when {@code line} of an authorized_keys file holds this key (with or without options before it). */
    boolean sameKey(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) return false;
        String[] words = s.split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals(type) && words[i + 1].equals(body)) return true;
        }
        return false;
    }

    /** The line as it is written to the file. */
    String render() {
        return comment.isEmpty() ? type + " " + body : type + " " + body + " " + comment;
    }
}
