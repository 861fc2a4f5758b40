package dev.rigger.modules.ssh;

import dev.rigger.spi.ModuleException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ansible.posix.authorized_key's edit of a key file ({@code enforce_state}, 1.5.4), ported step
 * by step so that Rigger writes the same bytes and reports the same {@code changed}: lines are
 * filed by key body (or by the whole line when they hold no key), so a repeated line keeps one
 * copy; a wanted key with other options or comment is filed again after the existing lines; the
 * file is written in rank order, every key line re-rendered. No I/O.
 */
final class AuthorizedKeys {
    private AuthorizedKeys() { }

    /** What the edit decided: whether Ansible writes, and the text it would write. */
    record Edit(boolean write, String text) { }

    /** Python's str.splitlines: these characters end a line ({@code \r\n} is one end). */
    static List<String> splitLines(String text, boolean keepEnds) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x85
                    || c == '\u2028' || c == '\u2029') {
                int end = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
                out.add(text.substring(start, keepEnds ? end : i));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < text.length()) out.add(text.substring(start));
        return out;
    }

    /** Ansible's parsekeys: every line filed under its key body, or under itself. */
    static Map<String, KeyEntry> parse(String text) {
        Map<String, KeyEntry> keys = new LinkedHashMap<>();
        List<String> lines = splitLines(text, true);
        for (int rank = 0; rank < lines.size(); rank++) {
            KeyEntry e = KeyEntry.parse(lines.get(rank), rank);
            if (e != null) keys.put(e.id(), e);
            else keys.put(lines.get(rank), KeyEntry.kept(lines.get(rank), rank));
        }
        return keys;
    }

    /**
     * The lines of the {@code key} parameter that are keys: blank lines and lines starting with
     * '#' are left out, as Ansible does.
     */
    static List<String> wanted(String key) {
        return splitLines(key, false).stream().filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
    }

    /**
     * The edit of {@code existing} for {@code state} (present or absent); {@code keyOptions} and
     * {@code comment} (null when not given) replace the keys' own.
     */
    static Edit edit(String existing, String key, boolean present, String keyOptions, String comment, boolean exclusive) {
        // Ansible reads the file as text: universal newlines turn \r\n and \r into \n
        Map<String, KeyEntry> keys = parse(existing.replace("\r\n", "\n").replace('\r', '\n'));
        boolean write = false;
        List<String> keep = new ArrayList<>();
        int maxRank = keys.size();
        List<String> newKeys = wanted(key);
        for (int rank = 0; rank < newKeys.size(); rank++) {
            KeyEntry k = KeyEntry.parse(newKeys.get(rank), rank);
            if (k == null) throw new ModuleException("invalid key specified: " + newKeys.get(rank));
            if (keyOptions != null) k = k.withOptions(KeyOptions.parse(keyOptions));
            if (comment != null) k = k.withComment(comment);
            KeyEntry old = keys.get(k.id());
            boolean matched = old != null && (!present || k.sameAs(old));
            if (present) {
                keep.add(k.id());
                if (old != null && !matched) {
                    keys.remove(k.id());
                    write = true;
                }
                if (!matched) {
                    keys.put(k.id(), k.withRank(maxRank + k.rank()));
                    write = true;
                }
            } else if (matched) {
                keys.remove(k.id());
                write = true;
            }
        }
        if (present && exclusive) {
            Set<String> remove = new HashSet<>(keys.keySet());
            remove.removeAll(keep);
            if (!remove.isEmpty()) write = true;
            keys.keySet().removeAll(remove);
        }
        return new Edit(write, serialize(keys));
    }

    /** Ansible's serialize: the entries in rank order (ties in filing order), each rendered. */
    static String serialize(Map<String, KeyEntry> keys) {
        List<KeyEntry> ordered = new ArrayList<>(keys.values());
        ordered.sort(Comparator.comparingInt(KeyEntry::rank));
        StringBuilder b = new StringBuilder();
        for (KeyEntry e : ordered) {
            // a kept last line without its line end: Ansible runs the next key into it (and again on every run)
            if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') b.append('\n');
            b.append(e.render());
        }
        return b.toString();
    }
}
