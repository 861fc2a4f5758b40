package dev.rigger.modules.accounts;

import java.util.List;

/** One line of {@code getent group}: {@code name:x:gid:member,member}. */
record GroupEntry(String name, int gid, List<String> members) {

    /** The entry, or null for an empty answer (no such group). */
    static GroupEntry parse(String line) {
        String[] f = line.strip().split(":", -1);
        if (f.length < 3 || f[0].isEmpty()) return null;
        List<String> members = f.length > 3 && !f[3].isEmpty() ? List.of(f[3].split(",")) : List.of();
        return new GroupEntry(f[0], Integer.parseInt(f[2]), members);
    }
}
