package dev.rigger.engine.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file the vault commands produce, atomically: a temporary sibling (created 0600, so
 * plain text is never readable by others, not even for a moment), then a rename over the
 * target. The target keeps its mode (decrypted text: at most 0600); a new file gets 0600. A crash
 * leaves the old file whole.
 */
public final class VaultFile {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private VaultFile() { }

    public static void write(Path file, byte[] content) throws IOException {
        Path abs = file.toAbsolutePath();
        write(abs, content, Files.exists(abs) ? Files.getPosixFilePermissions(abs) : PRIVATE);
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
        write(abs, content, mode);
    }

    private static void write(Path abs, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PRIVATE));
        try {
            Files.write(tmp, content);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, mode);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
