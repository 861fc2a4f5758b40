package dev.rigger.spi;

import java.nio.charset.StandardCharsets;

/**
 * The answer to one {@link Probe}: exit code, raw output and error text; for a
 * {@link Probe.Stat}, the parsed {@link FileState}. <b>Stable.</b>
 */
public record ProbeResult(int exitCode, byte[] output, String error, FileState fileState) {

    public static ProbeResult of(int exitCode, byte[] output, String error) {
        return new ProbeResult(exitCode, output, error, null);
    }

    public String text() {
        return new String(output, StandardCharsets.UTF_8);
    }

    public boolean ok() {
        return exitCode == 0;
    }
}
