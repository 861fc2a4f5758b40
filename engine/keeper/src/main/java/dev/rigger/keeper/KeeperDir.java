package dev.rigger.keeper;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import jdk.net.ExtendedSocketOptions;

/**
 * The folder of the session keeper's socket, like OpenSSH's ControlPath folder: whoever can open
 * the socket can run commands on every kept host, so the folder must be the user's own and
 * closed to everyone else ({@code 0700}), every folder above it safe from others, the socket
 * {@code 0600}, and the process at the other end this user; else it is not used. Checked at
 * every connect, by the keeper, runs, {@code keeper status} and {@code keeper stop} alike.
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

    /** Why a keeper's socket or its folder was not used: the run connects itself, status and stop say why. */
    static final class Untrusted extends IOException {
        Untrusted(String why) {
            super(why);
        }
    }

    /**
     * A socket to the running keeper, or null when none answers. Checked at every connect, as
     * OpenSSH checks its ControlPath: the folder and every folder above it ({@link #check}),
     * then the process at the other end must run as this user ({@code SO_PEERCRED}).
     *
     * @throws Untrusted when a check fails (nothing was sent)
     */
    SocketChannel connect() throws Untrusted {
        String why = check();
        if (why != null) throw new Untrusted(why);
        if (!Files.exists(socket(), LinkOption.NOFOLLOW_LINKS)) return null;
        SocketChannel ch;
        try {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket()));
        } catch (IOException e) {
            return null; // left behind by a keeper that died; the next keeper removes it
        }
        String peer = peerRefusal(ch);
        if (peer != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // refused either way
            }
            throw new Untrusted(socket() + ": " + peer);
        }
        return ch;
    }

    /** Null when the process at the other end of {@code ch} runs as this user, else who it is. */
    static String peerRefusal(SocketChannel ch) {
        try {
            UserPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
            UserPrincipal me = FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            return peer.equals(me) ? null : "the other end runs as " + peer.getName() + ", not " + me.getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot tell who is at the other end: " + e.getMessage();
        }
    }

    Path log() {
        return path.resolve("keeper.log");
    }

    /**
     * Creates the folder (0700) if missing.
     *
     * @return why the folder cannot be trusted ({@link #check}), or null when it can
     */
    String prepare() {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(path.toAbsolutePath().getParent());
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (socket().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                return socket() + " is longer than a Unix socket's path may be (" + MAX_SOCKET_PATH + " bytes)";
            }
            return check();
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot use " + path + ": " + e.getMessage();
        }
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_ISVTX = 01000;

    /**
     * Why the folder cannot be trusted, or null: every folder from {@code /} down to it a real
     * folder (no symbolic link, which could be pointed elsewhere later), owned by root or this
     * user and writable by no one else (a sticky one such as {@code /tmp} excepted); the folder
     * itself this user's and closed to others ({@code rwx------}); a socket in it this user's,
     * a socket, and {@code rw-------}.
     */
    String check() {
        try {
            int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            Path abs = path.toAbsolutePath().normalize();
            Path at = abs.getRoot();
            String why = folder(at, me, abs.getNameCount() == 0);
            for (int i = 0; why == null && i < abs.getNameCount(); i++) {
                at = at.resolve(abs.getName(i));
                why = folder(at, me, i == abs.getNameCount() - 1);
            }
            return why != null ? why : socketRefusal(me);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "cannot use " + path + ": " + e.getMessage();
        }
    }

    private static String folder(Path p, int me, boolean last) throws IOException {
        if (Files.isSymbolicLink(p)) return p + " is a symbolic link (give RIGGER_KEEPER_DIR a path without links)";
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) return p + " is not a folder";
        Map<String, Object> a = Files.readAttributes(p, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) a.get("uid");
        int mode = (Integer) a.get("mode");
        if (last) {
            if (uid != me) return p + " belongs to uid " + uid + ", not " + me;
            if ((mode & 077) != 0) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                return p + " is open to others (" + perms + "; it must be rwx------)";
            }
            return null;
        }
        if (uid != 0 && uid != me) return p + " (above the keeper's folder) belongs to uid " + uid + ", neither root nor " + me;
        if ((mode & 022) != 0 && (mode & S_ISVTX) == 0) return p + " (above the keeper's folder) can be written by others";
        return null;
    }

    private String socketRefusal(int me) throws IOException {
        Path s = socket();
        if (!Files.exists(s, LinkOption.NOFOLLOW_LINKS)) return null;
        Map<String, Object> a = Files.readAttributes(s, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        if ((mode & S_IFMT) != S_IFSOCK) return s + " is not a socket";
        if ((Integer) a.get("uid") != me) return s + " belongs to uid " + a.get("uid") + ", not " + me;
        if ((mode & 077) != 0) return s + " is open to others (mode " + Integer.toOctalString(mode & 07777) + "; it must be 600)";
        return null;
    }
}
