package dev.rigger.engine.exec;

import dev.rigger.engine.io.AtomicFile;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The controller side of {@link Step.WriteLocal}: missing folders made, the content written
 * atomically ({@link AtomicFile}). A replaced copy keeps its mode, as Ansible writes into the old
 * file; a new one gets the step's mode (or 0666) less the umask, as open(2) would create it. Runs
 * as the engine's own user, never on a host.
 */
final class LocalWrite {
    private LocalWrite() { }

    static StepResult run(Step.WriteLocal w) {
        Path target = Path.of(w.path());
        try {
            if (Files.isDirectory(target)) return new StepResult(w, 1, "", w.path() + ": Is a directory");
            Files.createDirectories(target.getParent());
            var mode = Files.isRegularFile(target) ? Files.getPosixFilePermissions(target)
                    : AtomicFile.permissions((w.mode() == null ? 0666 : w.mode()) & ~AtomicFile.umask() & 0777);
            AtomicFile.write(target, w.content(), mode);
            return new StepResult(w, 0, "", "");
        } catch (IOException e) {
            return new StepResult(w, 1, "", "cannot write " + w.path() + " on the controller: " + e);
        }
    }
}
