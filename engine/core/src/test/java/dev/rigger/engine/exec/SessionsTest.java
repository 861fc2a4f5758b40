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

    @Test
    void aLoginStartedAheadIsTheSessionTheWalkGets_andIsMadeOnce() throws Exception {
        CountDownLatch loggingIn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger opened = new AtomicInteger();
        try (Sessions sessions = new Sessions(h -> {
            opened.incrementAndGet();
            loggingIn.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new LocalConnection();
        }, 0)) {
            sessions.warm("web1");
            // the handshake runs on its own thread while this one does something else
            assertThat(loggingIn.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<HostSession> walk = CompletableFuture.supplyAsync(() -> sessions.get("web1"));
            Thread.sleep(50);
            assertThat(walk).isNotDone(); // waits for the login ahead instead of making its own
            release.countDown();
            assertThat(walk.get(5, TimeUnit.SECONDS)).isSameAs(sessions.get("web1"));
            assertThat(opened).hasValue(1);
        }
    }

    @Test
    void aFailedLoginAheadIsThrownByTheFirstGetOnly_andAHostNeverAskedForIsNeverFailed() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        try (Sessions sessions = new Sessions(h -> {
            if (tries.incrementAndGet() == 1) throw new dev.rigger.engine.transport.TransportException(h + ": connection refused", null);
            return new LocalConnection();
        }, 0)) {
            sessions.warm("db1");
            for (long end = System.nanoTime() + 5_000_000_000L; tries.get() == 0 && System.nanoTime() < end; ) Thread.sleep(5);
            Thread.sleep(50); // the failure is kept, not thrown on the login thread
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sessions.get("db1")).hasMessageContaining("connection refused");
            // a later task tries again, as without the login ahead
            assertThat(sessions.get("db1")).isNotNull();
            assertThat(tries).hasValue(2);
        }
    }
}
