package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.transport.LocalConnection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionsTest {

    /** Two host names in the same bin of a fresh ConcurrentHashMap (16 bins), found, not assumed. */
    private static List<String> sameBin() {
        String first = "host0";
        return IntStream.range(1, 10_000).mapToObj(i -> "host" + i).filter(h -> bin(h) == bin(first))
                .findFirst().map(h -> List.of(first, h)).orElseThrow();
    }

    private static int bin(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & 15;
    }

    @Test
    void handshakesOfHostsRunAtOnce_evenWhenTheirNamesShareABinOfTheMap() throws Exception {
        List<String> hosts = sameBin();
        // each handshake waits until both have begun: one after the other, neither would finish
        CountDownLatch begun = new CountDownLatch(2);
        AtomicInteger opened = new AtomicInteger();
        try (Sessions sessions = new Sessions(h -> {
            begun.countDown();
            try {
                if (!begun.await(5, TimeUnit.SECONDS)) throw new IllegalStateException(h + " waited for the other handshake");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            opened.incrementAndGet();
            return new LocalConnection();
        }, 0)) {
            List<CompletableFuture<HostSession>> both = hosts.stream()
                    .map(h -> CompletableFuture.supplyAsync(() -> sessions.get(h))).toList();
            for (CompletableFuture<HostSession> f : both) assertThat(f.get(10, TimeUnit.SECONDS)).isNotNull();
            // and each host's session is opened once, however often it is asked for
            assertThat(sessions.get(hosts.get(0))).isSameAs(both.get(0).get());
            assertThat(opened).hasValue(2);
        }
    }
}
