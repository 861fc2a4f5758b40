package dev.rigger.engine.transport;

import java.nio.charset.StandardCharsets;

/** Exit code and raw output of one command. */
public record ExecResult(int exitCode, byte[] stdout, byte[] stderr) {
    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String err() {
        return new String(stderr, StandardCharsets.UTF_8);
    }
}
