package dev.rigger.engine.transport.keep;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The folder of the session keeper's socket, like OpenSSH's ControlPath folder: whoever can open
 * the socket can run commands on every kept host, so the folder must be the user's own and
 * closed to everyone else ({@code 0700}), or it is not used.
 */
record KeeperDir(Path path) {
    /** {@code $RIGGER_KEEPER_DIR} (or the JVM's {@code rigger.keeper.dir}), else {@code ~/.rigger/keeper}. */
    static KeeperDir fromEnvironment() {
        String own = System.getProperty("rigger.keeper.dir", System.getenv("RIGGER_KEEPER_DIR"));
        return new KeeperDir(own != null && !own.isBlank() ? Path.of(own)
                : Path.of(System.getProperty("user.home"), ".rigger", "keeper"));
    }

    /**
     * Named by the protocol and the build: a run talks only to a keeper started from the same
     * jar, as it is now (after an upgrade the old keeper's sessions idle out, unused).
     */
    Path socket() {
        return path.resolve(NAME + ".sock");
    }

    /** Held by the running keeper: a second one started at the same moment finds it taken and exits. */
    Path lock() {
        return path.resolve(NAME + ".lock");
    }

    /** sun_path holds 108 bytes on Linux, the closing NUL included. */
    private static final int MAX_SOCKET_PATH = 107;

    private static final String NAME = "keeper-v" + KeeperProtocol.VERSION + "-" + build();

    private static String build() {
        String classPath = System.getProperty("java.class.path", "");
        long changed = 0;
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            try {
                changed = changed * 31 + Files.getLastModifiedTime(Path.of(entry)).toMillis();
            } catch (IOException | RuntimeException e) {
                // a missing entry changes nothing a keeper would load
            }
        }
        return Integer.toHexString((classPath + "@" + changed).hashCode());
    }

    /** A socket to the running keeper, or null when none answers. */
    SocketChannel connect() {
        if (!Files.exists(socket())) return null;
        try {
            return SocketChannel.open(UnixDomainSocketAddress.of(socket()));
        } catch (IOException e) {
            return null; // left behind by a keeper that died; the next keeper removes it
        }
    }

    Path log() {
        return path.resolve("keeper.log");
    }

    /**
     * Creates the folder (0700) if missing.
     *
     * @return why the folder cannot be trusted, or null when it can
     */
    String prepare() {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(path.getParent());
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) return path + " is not a folder";
            if (socket().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                return socket() + " is longer than a Unix socket's path may be (" + MAX_SOCKET_PATH + " bytes)";
            }
            String me = System.getProperty("user.name");
            String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
            if (!owner.equals(me)) return path + " belongs to " + owner + ", not " + me;
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            for (PosixFilePermission p : perms) {
                if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                    return path + " is open to others (" + PosixFilePermissions.toString(perms) + "; it must be rwx------)";
                }
            }
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot use " + path + ": " + e.getMessage();
        }
    }
}
