package dev.rigger.engine.vault;

import dev.rigger.engine.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a file the vault commands produce, atomically: a temporary sibling (created 0600, so
 * plain text is never readable by others, not even for a moment), then a rename over the
 * target. The target keeps its mode (decrypted text: at most 0600); a new file gets 0600. A crash
 * leaves the old file whole.
 */
public final class VaultFile {
    private static final Set<PosixFilePermission> PRIVATE = AtomicFile.PRIVATE;

    private VaultFile() { }

    public static void write(Path file, byte[] content) throws IOException {
        Path abs = file.toAbsolutePath();
        AtomicFile.write(abs, content, Files.exists(abs) ? Files.getPosixFilePermissions(abs) : PRIVATE);
    }

    /**
     * Plain text out of a vault ({@code vault decrypt}): 0600 as {@code ansible-vault} writes it,
     * or the old file's mode when that is stricter (its bits within 0600): a vault readable by
     * the group does not become a secret readable by the group.
     */
    public static void writePlain(Path file, byte[] content) throws IOException {
        Path abs = file.toAbsolutePath();
        Set<PosixFilePermission> mode = java.util.EnumSet.noneOf(PosixFilePermission.class);
        if (Files.exists(abs)) mode.addAll(Files.getPosixFilePermissions(abs));
        else mode.addAll(PRIVATE);
        mode.retainAll(PRIVATE);
        AtomicFile.write(abs, content, mode);
    }

    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
