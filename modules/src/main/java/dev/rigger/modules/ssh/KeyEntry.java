package dev.rigger.modules.ssh;

import dev.rigger.spi.ModuleException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One line of an authorized_keys file as ansible.posix.authorized_key (1.5.4) parses it
 * ({@code parsekey}): a key, found by the first word that is a known key type, with the options
 * before it and the comment after its body; or a line kept as it is ({@code skipped}: comments,
 * blank and invalid lines). {@code id} is what Ansible files the line under: the key's body, or
 * the whole line for a kept one. {@code rank} orders the lines when the file is written.
 */
record KeyEntry(String id, String type, KeyOptions options, String comment, int rank) {
    static final String SKIPPED = "skipped";

    /** Ansible's VALID_SSH2_KEY_TYPES. */
    private static final Set<String> TYPES = Set.of(
            "sk-ecdsa-sha2-nistp256@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
            "webauthn-sk-ecdsa-sha2-nistp256@openssh.com", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256-cert-v01@openssh.com",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521",
            "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com",
            "ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com", "ssh-dss", "ssh-rsa", "ssh-xmss@openssh.com",
            "ssh-xmss-cert-v01@openssh.com", "rsa-sha2-256", "rsa-sha2-512", "ssh-rsa-cert-v01@openssh.com",
            "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com", "ssh-dss-cert-v01@openssh.com");

    /** A line kept as it is. */
    static KeyEntry kept(String line, int rank) {
        return new KeyEntry(line, SKIPPED, null, null, rank);
    }

    /**
     * Ansible's parsekey: null when no word is a key type. Words are split on blanks, tabs and line
     * ends only (its shlex has no quotes), so quoted option values with blanks are split and joined
     * again with one blank. A type with no body after it is an error (Ansible's module crashes).
     */
    static KeyEntry parse(String raw, int rank) {
        raw = raw.replace("\\#", "#");
        List<String> words = Arrays.stream(raw.split("[ \t\r\n]+")).filter(w -> !w.isEmpty()).toList();
        if (!words.isEmpty() && words.get(0).equals("#")) return kept(raw, rank);
        int at = -1;
        for (int i = 0; i < words.size() && at < 0; i++) if (TYPES.contains(words.get(i))) at = i;
        if (at < 0) return null;
        if (at + 1 >= words.size()) throw new ModuleException("the key of type " + words.get(at) + " has no body after its type: " + raw.strip());
        KeyOptions options = KeyOptions.parse(at > 0 ? String.join(" ", words.subList(0, at)) : null);
        return new KeyEntry(words.get(at + 1), words.get(at), options, String.join(" ", words.subList(at + 2, words.size())), rank);
    }

    boolean isKey() {
        return !type.equals(SKIPPED);
    }

    KeyEntry withRank(int r) {
        return new KeyEntry(id, type, options, comment, r);
    }

    KeyEntry withOptions(KeyOptions o) {
        return new KeyEntry(id, type, o, comment, rank);
    }

    KeyEntry withComment(String c) {
        return new KeyEntry(id, type, options, c, rank);
    }

    /** Ansible's comparison of a wanted key with the file's: everything but the rank. */
    boolean sameAs(KeyEntry other) {
        return id.equals(other.id) && type.equals(other.type) && java.util.Objects.equals(options, other.options)
                && java.util.Objects.equals(comment, other.comment);
    }

    /** The line as Ansible's serialize writes it: options, type, body, comment (a blank before it even when empty). */
    String render() {
        if (!isKey()) return id;
        String opts = options == null || options.isEmpty() ? "" : options.render() + " ";
        return opts + type + " " + id + " " + comment + "\n";
    }
}
