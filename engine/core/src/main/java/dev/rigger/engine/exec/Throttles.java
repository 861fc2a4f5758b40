package dev.rigger.engine.exec;

import dev.rigger.engine.compile.CompiledTask;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * {@code throttle}: at most that many hosts run a task at once, across the run (as Ansible's,
 * for a task's workers); a host waits for a place before the task, holding its fork slot.
 */
final class Throttles {
    private final Map<CompiledTask, Semaphore> places = new ConcurrentHashMap<>();

    <T> T around(CompiledTask t, Supplier<T> work) {
        int n = t.task().throttle();
        if (n <= 0) return work.get();
        Semaphore s = places.computeIfAbsent(t, k -> new Semaphore(n, true));
        s.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            s.release();
        }
    }
}
