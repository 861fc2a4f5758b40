package dev.rigger.engine.exec;

import dev.rigger.engine.compile.TaskNode;
import dev.rigger.engine.report.Status;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the hosts share while they run: each node's outcome (a future other hosts wait on) and
 * each host's registered results (read across hosts through {@code hostvars}).
 */
final class RunState {

    /**
     * How a node ended, as its dependents need to know: {@code blocks} when it failed, its host
     * was unreachable, or it was itself skipped because something upstream failed.
     */
    record Outcome(Status status, boolean blocks) {
        static Outcome of(Status s) {
            return new Outcome(s, s == Status.FAILED || s == Status.UNREACHABLE);
        }
    }

    private final Map<TaskNode, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> registered = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> facts = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> registrations = new ConcurrentHashMap<>();

    CompletableFuture<Outcome> outcome(TaskNode n) {
        return outcomes.computeIfAbsent(n, k -> new CompletableFuture<>());
    }

    /** The facts gathered on {@code host} (by the plays' {@code facts:}), read as {@code facts.x}. */
    Map<String, Object> facts(String host) {
        return facts.computeIfAbsent(host, h -> new ConcurrentHashMap<>());
    }

    /** Registers a task's result on {@code host} under {@code name}. */
    void register(String host, String name, Object value) {
        registered(host).put(name, value);
        registrations.computeIfAbsent(host, h -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
    }

    /** How many results were registered on {@code host} so far: what a task sees may differ once it grows. */
    int registrations(String host) {
        var n = registrations.get(host);
        return n == null ? 0 : n.get();
    }

    /** The live map of {@code host}'s registered results. */
    Map<String, Object> registered(String host) {
        return registered.computeIfAbsent(host, h -> new ConcurrentHashMap<>());
    }
}
