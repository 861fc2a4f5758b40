package dev.rigger.spi;

/**
 * What a path is on a host. {@code sha256} is set for regular files only; {@code linkTarget}
 * for symlinks only. <b>Stable.</b>
 *
 * <p>Comparing the checksum rather than the content lets a module decide whether a file must
 * be rewritten without reading it back over the connection.
 *
 * @param path       the path that was examined
 * @param type       what is there, {@link Type#ABSENT} when nothing is
 * @param mode       the permission bits, e.g. {@code 0644} (with setuid, setgid and sticky
 *                   bits); 0 when absent
 * @param owner      the owning user's name; null when absent
 * @param group      the owning group's name; null when absent
 * @param size       the size in bytes; 0 when absent
 * @param sha256     the content's SHA-256 as lower-case hex, for a regular file; otherwise null
 * @param linkTarget the symlink's target as stored (not resolved), for a link; otherwise null
 */
public record FileState(String path, Type type, int mode, String owner, String group,
                        long size, String sha256, String linkTarget) {

    /** The kind of thing at a path. */
    public enum Type {
        /** Nothing is there. */
        ABSENT,
        /** A regular file. */
        FILE,
        /** A directory. */
        DIRECTORY,
        /** A symbolic link, itself, not what it points to. */
        LINK,
        /** Anything else: a device, socket or named pipe. */
        OTHER
    }

    /**
     * The state of a path where nothing exists.
     *
     * @param path the path
     * @return an {@link Type#ABSENT} state
     */
    public static FileState absent(String path) {
        return new FileState(path, Type.ABSENT, 0, null, null, 0, null, null);
    }

    /**
     * Whether anything, of any type, is at the path.
     *
     * @return false only for {@link Type#ABSENT}
     */
    public boolean exists() {
        return type != Type.ABSENT;
    }

    /**
     * The mode as Ansible shows it, e.g. {@code 0644}.
     *
     * @param mode permission bits
     * @return at least four octal digits, with a leading zero
     */
    public static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
