package dev.rigger.engine.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ansible_connection=local}: commands run on this machine through {@code /bin/sh -c}, with
 * a login's environment ({@link LoginEnvironment}), never Rigger's own (its secrets included).
 */
public final class LocalConnection implements Connection {
    private final Map<String, String> environment = LoginEnvironment.ofThisUser();

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) {
        try {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
            pb.environment().clear();
            pb.environment().putAll(environment);
            Process p = pb.start();
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin);
            } catch (IOException e) {
                // the command exited without reading all its input (a failed step): its exit code says why
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new TransportException("command timed out after " + timeout.toSeconds() + "s", null, true);
            }
            return new ExecResult(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new TransportException("cannot run command locally: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted", e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                return buf.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() { }

    @Override
    public boolean local() {
        return true;
    }
}
