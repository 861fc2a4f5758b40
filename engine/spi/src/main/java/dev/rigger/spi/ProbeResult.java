package dev.rigger.spi;

import java.nio.charset.StandardCharsets;

/**
 * The answer to one {@link Probe}: exit code, raw output and error text; for a
 * {@link Probe.Stat}, the parsed {@link FileState}. <b>Stable.</b>
 *
 * <p>Output is kept as bytes so binary files read through {@link Probe.Read} arrive intact;
 * {@link #text()} decodes it when it is text.
 *
 * @param exitCode  the probe's exit code; 0 means it answered
 * @param output    everything it wrote to standard output, byte for byte
 * @param error     what it wrote to standard error, for messages
 * @param fileState for a {@link Probe.Stat} that succeeded, the path's state; null otherwise
 */
public record ProbeResult(int exitCode, byte[] output, String error, FileState fileState) {

    /**
     * A result without a file state: the answer to any probe but a {@link Probe.Stat}.
     *
     * @param exitCode the probe's exit code
     * @param output   its standard output
     * @param error    its standard error
     * @return the result
     */
    public static ProbeResult of(int exitCode, byte[] output, String error) {
        return new ProbeResult(exitCode, output, error, null);
    }

    /**
     * The output as UTF-8 text.
     *
     * @return the decoded output
     */
    public String text() {
        return new String(output, StandardCharsets.UTF_8);
    }

    /**
     * Whether the probe exited with 0.
     *
     * @return true when the exit code is 0
     */
    public boolean ok() {
        return exitCode == 0;
    }
}
