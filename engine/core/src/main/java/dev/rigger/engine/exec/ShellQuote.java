package dev.rigger.engine.exec;

import dev.rigger.spi.ModuleException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place that turns values into shell words. Everything a module passes is single-quoted,
 * so quotes, {@code $(...)}, backticks, {@code ;} and newlines stay data. NUL cannot be passed to
 * a program at all and is refused.
 */
public final class ShellQuote {
    private ShellQuote() { }

    public static String quote(String s) {
        if (s.indexOf('\0') >= 0) throw new ModuleException("value contains a NUL character: " + visible(s));
        if (!s.isEmpty() && s.chars().allMatch(ShellQuote::safe)) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> argv) {
        return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }

    private static boolean safe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-_./=:,+@%".indexOf(c) >= 0;
    }

    private static String visible(String s) {
        String v = s.replace("\0", "\\0");
        return v.length() > 60 ? v.substring(0, 60) + "..." : v;
    }
}
