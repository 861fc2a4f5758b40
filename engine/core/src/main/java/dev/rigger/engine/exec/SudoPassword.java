package dev.rigger.engine.exec;

import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.ExecResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code become} with a password: sudo reads it from stdin ({@code -S}, empty prompt), so it is
 * never on a command line, in a log or in an error. The command's stdin is the password line, a
 * random marker line, then the command's own input; the command first reads up to the marker,
 * so the password never reaches it, whether sudo read it or not (a NOPASSWD rule, cached
 * credentials). sudo retries a wrong password on the following lines, so the password is checked
 * once per host first, alone on stdin: a wrong one costs one failed attempt, not one per task.
 */
final class SudoPassword {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Password -> "" when sudo accepted it, else why not; one check per connection and password. */
    private final Map<String, String> verdicts = new ConcurrentHashMap<>();

    /** The command as root through sudo reading the password first; {@code marker} from {@link #marker()}. */
    static String command(String command, String marker) {
        return command(command, marker, "root");
    }

    /** As above, as {@code user}. */
    static String command(String command, String marker, String user) {
        String skip = "while IFS= read -r l; do [ \"$l\" = " + marker + " ] && break; done; ";
        return "sudo -S -p '' -H -u " + ShellQuote.quote(user) + " -- /bin/sh -c " + ShellQuote.quote(skip + command);
    }

    static byte[] stdin(String password, String marker, byte[] input) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((password + "\n" + marker + "\n").getBytes(StandardCharsets.UTF_8));
        if (input != null) b.writeBytes(input);
        return b.toByteArray();
    }

    /** A line the password cannot be: a fresh random one per command. */
    static String marker() {
        byte[] r = new byte[12];
        RANDOM.nextBytes(r);
        return "rigger-become-" + HexFormat.of().formatHex(r);
    }

    /**
     * Null when sudo accepts {@code password} on this connection, else why not (never holding
     * the password). {@code -k}: cached credentials must not hide a wrong password.
     */
    String refusal(String host, Connection connection, String password, Duration timeout) {
        String why = verdicts.computeIfAbsent(password, p -> {
            if (p.isEmpty() || p.indexOf('\n') >= 0 || p.indexOf('\r') >= 0) return "the become password is empty or holds a line break";
            ExecResult r = connection.exec("timeout -k 5 " + Math.max(1, timeout.toSeconds())
                    + " /bin/sh -c " + ShellQuote.quote("sudo -k -S -p '' -H -u root -- /bin/true"),
                    (p + "\n").getBytes(StandardCharsets.UTF_8), timeout.plusSeconds(15));
            if (r.exitCode() == 0) return "";
            String said = String.join("; ", r.err().strip().replace(p, "********").split("\\s*\\n\\s*"));
            return "become: sudo refused the become password on " + host + " (exit " + r.exitCode() + "): " + said;
        });
        return why.isEmpty() ? null : why;
    }
}
