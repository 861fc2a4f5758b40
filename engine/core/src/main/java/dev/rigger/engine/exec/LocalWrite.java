package dev.rigger.engine.exec;

import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * The controller side of {@link Step.WriteLocal}: missing folders made, the content written to a
 * temporary file in the target's own folder, then renamed over the target, so a reader never sees
 * half a file and a failed write leaves the old one. Runs as the engine's own user, never on a host.
 */
final class LocalWrite {
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalWrite() { }

    private static int bits(java.util.Set<java.nio.file.attribute.PosixFilePermission> perms) {
        int m = 0;
        for (var p : perms) m |= 0400 >> p.ordinal();
        return m;
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> perms(int mode) {
        var set = java.util.EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class);
        for (var p : java.nio.file.attribute.PosixFilePermission.values()) if ((mode & (0400 >> p.ordinal())) != 0) set.add(p);
        return set;
    }

    static StepResult run(Step.WriteLocal w) {
        Path target = Path.of(w.path());
        Path tmp = null;
        try {
            if (Files.isDirectory(target)) return new StepResult(w, 1, "", w.path() + ": Is a directory");
            Files.createDirectories(target.getParent());
            // created as open(2) creates (0666 less the umask, as Ansible's copy), not createTempFile's 0600
            tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".rigger-tmp");
            Files.write(tmp, w.content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            // a replaced copy keeps its mode, as Ansible writes into the old file
            if (Files.isRegularFile(target)) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            } else if (w.mode() != null) {
                // the umask's read and write bits, as the new file shows them (0666 less the umask)
                int umask = ~bits(Files.getPosixFilePermissions(tmp)) & 0666;
                Files.setPosixFilePermissions(tmp, perms(w.mode() & ~umask & 0777));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new StepResult(w, 0, "", "");
        } catch (IOException e) {
            return new StepResult(w, 1, "", "cannot write " + w.path() + " on the controller: " + e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write's own outcome is what counts; a stray temporary file is named .NAME.*.rigger-tmp
                }
            }
        }
    }
}
