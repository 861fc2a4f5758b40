package dev.rigger.modules.fuzz;

import dev.rigger.engine.exec.HostSession;
import dev.rigger.engine.transport.Connection;
import dev.rigger.engine.transport.ExecResult;
import dev.rigger.engine.transport.SshConnection;
import dev.rigger.engine.transport.Target;
import dev.rigger.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lab host being fuzzed, over one SSH session (the engine's own transport) for every input.
 * The canary is looked for after each input on that session (cheap, and it pins the input that
 * made it), and once at the end through the lab's OpenSSH client and on this machine, so the
 * verdict never rests only on the code under test.
 */
final class FuzzHost implements AutoCloseable {
    private static final Duration QUICK = Duration.ofSeconds(30);
    private final Lab lab;
    private final String name;
    private final Hostile hostile;
    private final Connection connection;
    private final HostSession session;

    private FuzzHost(Lab lab, String name, Hostile hostile, Connection connection) {
        this.lab = lab;
        this.name = name;
        this.hostile = hostile;
        this.connection = connection;
        this.session = new HostSession(name, connection, Map.of(), false, Duration.ofSeconds(60));
    }

    static FuzzHost open(Lab lab, String name, Hostile hostile) throws IOException {
        Target t = new Target(name, lab.address(name), 22, "root", lab.clientKey(), lab.knownHosts(), false, Duration.ofSeconds(10));
        return new FuzzHost(lab, name, hostile, SshConnection.open(t));
    }

    String name() {
        return name;
    }

    HostSession session() {
        return session;
    }

    /** A fresh sandbox and trap; run before each module so one module's leftovers never steer another's inputs. */
    void prepare() {
        ExecResult r = connection.exec(Sandbox.prepare(hostile), null, QUICK);
        if (r.exitCode() != 0) throw new IllegalStateException("cannot prepare the sandbox on " + name + ": " + r.err());
    }

    /** Canary files an input made (and removes them, so the next input is judged alone). */
    List<String> canariesAfterInput() {
        String out = connection.exec(Sandbox.check(hostile), null, QUICK).out().strip();
        if (out.isEmpty()) return List.of();
        connection.exec("rm -f " + hostile.canary + " /root/" + hostile.name, null, QUICK);
        return out.lines().toList();
    }

    /** Proves the detector sees an injection: one deliberately run through a shell must be found. */
    boolean detects() {
        session.run(new dev.rigger.spi.Step.Shell("echo $(touch " + hostile.canary + ")"));
        return !canariesAfterInput().isEmpty();
    }

    /** The canary anywhere on the host (through OpenSSH, not the engine) or on this machine. */
    List<String> sweep() {
        List<String> found = new ArrayList<>(lab.sh(name, Sandbox.sweep(hostile)).lines().filter(l -> !l.isBlank()).toList());
        for (Path p : List.of(Path.of(hostile.canary), Path.of(System.getProperty("user.home"), hostile.name), Path.of(hostile.name))) {
            if (Files.exists(p)) found.add("this machine: " + p.toAbsolutePath());
        }
        return found;
    }

    @Override
    public void close() {
        connection.close();
    }

    /**
     * A value as one printable line: control and format characters (bidi overrides, BOM) and
     * unpaired surrogates escaped. An unpaired surrogate once cut Surefire's copy of the output
     * short, table and all.
     */
    static String visible(Object value) {
        String s = String.valueOf(value);
        String v = s.length() > 160 ? s.substring(0, 160) + "...(" + s.length() + " chars)" : s;
        StringBuilder out = new StringBuilder();
        v.codePoints().forEach(c -> {
            if (c == '\n') out.append("\\n");
            else if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
