package dev.rigger.engine.diag;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A user's file as text. Playbooks, inventories and vars files are UTF-8; a byte that is not
 * becomes an error at its line and column (the JDK's own exception says only "Input length = 1"
 * and nothing about where).
 */
public final class SourceText {
    private SourceText() { }

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
