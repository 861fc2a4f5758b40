package dev.rigger.engine.diag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A user's file as text. Playbooks, inventories and vars files are UTF-8; a byte that is not
 * becomes an error at its line and column (the JDK's own exception says only "Input length = 1"
 * and nothing about where).
 */
public final class SourceText {
    /**
     * Bytes in one playbook, tasks, inventory or vars file, known from the file's size before a
     * byte is read: SnakeYAML refused more than 3 Mi code points anyway, but only after scanning
     * them (seconds per megabyte), and {@code /dev/zero} never ended.
     */
    public static final int MAX_BYTES = 3 << 20;

    private SourceText() { }

    /**
     * The text of {@code file}, or empty after a diagnostic: at {@code reference} (the line that
     * names the file) when there is one, else at the file. Folders, devices, FIFOs and sockets are
     * refused by their type before they are opened (a FIFO would block, a device never end), and
     * a file larger than {@link #MAX_BYTES} by its size.
     */
    public static Optional<String> read(Path file, Location reference, Diagnostics diags) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.isDirectory()) return refuse(file, 0, reference, "a folder, not a file", diags);
            if (!a.isRegularFile()) return refuse(file, 0, reference, "not a regular file (a device, FIFO or socket), not read", diags);
            if (a.size() > MAX_BYTES) return refuse(file, 1, reference, a.size() + " bytes, over the limit of " + MAX_BYTES, diags);
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1); // the size may have lied: the file grew, or /proc
            }
            if (bytes.length > MAX_BYTES) return refuse(file, 1, reference, "over the limit of " + MAX_BYTES + " bytes", diags);
            return utf8(file, bytes, diags);
        } catch (NoSuchFileException e) {
            if (reference == null) diags.error(Location.of(file, 0, 0), "file not found");
            else diags.error(reference, "file not found: " + file);
            return Optional.empty();
        } catch (IOException e) {
            return refuse(file, 0, reference, "cannot read: " + e.getMessage(), diags);
        }
    }

    /** @param line 1 when the file has content to point at, 0 for the file as a whole */
    private static Optional<String> refuse(Path file, int line, Location reference, String why, Diagnostics diags) {
        if (reference == null) diags.error(Location.of(file, line, line), why);
        else diags.error(reference, file + ": " + why);
        return Optional.empty();
    }

    /** The text of {@code bytes}, or empty after reporting the first byte that is not UTF-8. */
    public static Optional<String> utf8(Path file, byte[] bytes, Diagnostics diags) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1); // UTF-8 never yields more chars than bytes
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) r = decoder.flush(out);
        String text = out.flip().toString();
        if (!r.isError()) return Optional.of(text);
        int line = 1 + (int) text.chars().filter(c -> c == '\n').count();
        int column = text.length() - text.lastIndexOf('\n');
        diags.error(Location.of(file, line, column), String.format(
                "not UTF-8: byte 0x%02X cannot start or continue a character here (save the file as UTF-8)", bytes[in.position()] & 0xff));
        return Optional.empty();
    }
}
