package dev.rigger.engine.expr;

import dev.rigger.engine.diag.Location;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs evaluations on a worker thread and gives up after a deadline. The DSL has no loops,
 * so this is the backstop for what remains (a pathological regex, a huge collection).
 * Workers are daemon threads: an abandoned one never keeps the JVM alive.
 */
final class TimeLimit {
    private final Duration limit;
    private final ExecutorService workers;

    TimeLimit(Duration limit) {
        this.limit = limit;
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "rigger-expr");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work}, rethrowing its RuntimeExceptions as they are. */
    <T> T run(Location at, Supplier<T> work) {
        Future<T> future = workers.submit(work::get);
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ExpressionException(at, "expression took longer than " + describe(limit) + " and was stopped");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExpressionException(at, "interrupted while evaluating the expression");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new ExpressionException(at, "cannot evaluate the expression: " + e.getCause());
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
