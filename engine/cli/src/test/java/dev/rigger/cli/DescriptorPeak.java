package dev.rigger.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The most file descriptors and sockets this JVM held at once while it was open (sampled every
 * 50 ms): how many SSH sessions a run keeps, and whether any outlive it.
 */
final class DescriptorPeak implements AutoCloseable {
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakFds;
    private volatile long peakSockets;

    DescriptorPeak() {
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "descriptor-peak");
        sampler.setDaemon(true);
        sampler.start();
    }

    long fds() {
        return peakFds;
    }

    long sockets() {
        return peakSockets;
    }

    /** Descriptors open now: {fds, sockets}. */
    static long[] now() {
        long fds = 0;
        long sockets = 0;
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : s.toList()) {
                fds++;
                try {
                    if (Files.readSymbolicLink(p).toString().startsWith("socket:")) sockets++;
                } catch (IOException e) {
                    // closed between list and read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new long[] {fds, sockets};
    }

    private void sample() {
        long[] n = now();
        peakFds = Math.max(peakFds, n[0]);
        peakSockets = Math.max(peakSockets, n[1]);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }
}
