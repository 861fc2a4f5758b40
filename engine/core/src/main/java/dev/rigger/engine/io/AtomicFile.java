package dev.rigger.engine.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one way the controller writes a file (reports, saved plans, vault files, what fetch brings
 * back): into a private temporary file in the target's own folder, flushed to disk, given its
 * mode, then renamed over the target. A reader never sees half a file, and a failed write leaves
 * the old one and no temporary file behind.
 */
public final class AtomicFile {
    /** Owner read and write: what a temporary file is made with, and what a report or plan keeps. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private AtomicFile() { }

    /**
     * Replaces {@code target} with {@code content}.
     *
     * @param mode the file's permissions; null keeps {@link #PRIVATE}
     */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".rigger-tmp",
                PosixFilePermissions.asFileAttribute(PRIVATE));
        try {
            Files.write(tmp, content);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            if (mode != null) Files.setPosixFilePermissions(tmp, mode);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code mode}'s permission bits (e.g. 0640) as a set. */
    public static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) if ((mode & (0400 >> p.ordinal())) != 0) set.add(p);
        return set;
    }

    /**
     * This process's umask, as open(2) applies it to a new file (Linux reports it in
     * /proc/self/status since 4.7); 022 when it cannot be read.
     */
    public static int umask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) return Integer.parseInt(line.substring(6).strip(), 8);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: the common default
        }
        return 022;
    }
}
