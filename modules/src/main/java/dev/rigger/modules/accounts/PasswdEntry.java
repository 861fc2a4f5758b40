package dev.rigger.modules.accounts;

/** One line of {@code getent passwd}: {@code name:x:uid:gid:comment:home:shell}. */
record PasswdEntry(String name, int uid, int gid, String comment, String home, String shell) {

    /** The entry, or null for an empty answer (no such user). */
    static PasswdEntry parse(String line) {
        String[] f = line.strip().split(":", -1);
        if (f.length < 7 || f[0].isEmpty()) return null;
        return new PasswdEntry(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4], f[5], f[6]);
    }
}
