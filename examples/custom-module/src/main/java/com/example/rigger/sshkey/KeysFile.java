package com.example.rigger.sshkey;

import java.util.ArrayList;
import java.util.List;

/** The lines of an authorized_keys file and the edits the module makes to them; no I/O. */
record KeysFile(List<String> lines) {

    KeysFile {
        lines = List.copyOf(lines);
    }

    static KeysFile parse(String text) {
        if (text.isEmpty()) return new KeysFile(List.of());
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return new KeysFile(List.of(body.split("\n", -1)));
    }

    /**
     * The key's line where the key already stands (replaced, so a new comment wins, as in
     * Ansible), or appended at the end. Further lines with the same key are dropped, so the file
     * ends with exactly one. {@code exclusive}: the key's line and nothing else.
     */
    KeysFile withKey(KeyLine key, boolean exclusive) {
        if (exclusive) return new KeysFile(List.of(key.render()));
        List<String> out = new ArrayList<>();
        boolean placed = false;
        for (String l : lines) {
            if (!key.sameKey(l)) {
                out.add(l);
            } else if (!placed) {
                out.add(key.render());
                placed = true;
            }
        }
        if (!placed) out.add(key.render());
        return new KeysFile(out);
    }

    /** Every line holding the key removed; all other lines (comments included) kept as they are. */
    KeysFile withoutKey(KeyLine key) {
        return new KeysFile(lines.stream().filter(l -> !key.sameKey(l)).toList());
    }

    String text() {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
