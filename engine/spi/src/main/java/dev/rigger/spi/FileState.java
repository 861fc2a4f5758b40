package dev.rigger.spi;

/**
 * What a path is on a host. {@code sha256} is set for regular files only; {@code linkTarget}
 * for symlinks only. <b>Stable.</b>
 */
public record FileState(String path, Type type, int mode, String owner, String group,
                        long size, String sha256, String linkTarget) {

    public enum Type { ABSENT, FILE, DIRECTORY, LINK, OTHER }

    public static FileState absent(String path) {
        return new FileState(path, Type.ABSENT, 0, null, null, 0, null, null);
    }

    public boolean exists() {
        return type != Type.ABSENT;
    }

    /** The mode as Ansible shows it, e.g. {@code 0644}. */
    public static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
