package dev.rigger.engine.expr.eval;

/**
 * What one evaluation may spend: characters and elements it builds, and time. Filters and
 * operators that build values charge their size before building, so a chain of
 * {@code replace} that grows a string 16^8 times stops at the limit, not at the heap's end;
 * loops call {@link #tick()} so a long one stops at the deadline without a watchdog thread.
 */
public final class Budget {
    /** Characters plus collection elements built in one evaluation. */
    public static final long DEFAULT_UNITS = 16L << 20;
    public static final long DEFAULT_NANOS = 2_000_000_000L;

    private final long deadline;
    private final long nanos;
    private long units;
    private int ticks;

    public Budget(long units, long nanos) {
        this.units = units;
        this.nanos = nanos;
        this.deadline = System.nanoTime() + nanos;
    }

    public static Budget standard() {
        return new Budget(DEFAULT_UNITS, DEFAULT_NANOS);
    }

    /** @throws EvalException when building {@code size} more units would pass the limit */
    public void charge(long size) {
        if (size < 0 || size > units) {
            throw new EvalException("the expression builds a value larger than " + (DEFAULT_UNITS >> 20)
                    + "M characters or elements and was stopped");
        }
        units -= size;
        tick();
    }

    /** Called in every loop step; checks the clock every 1024 calls. */
    public void tick() {
        if ((++ticks & 1023) == 0 && System.nanoTime() > deadline) {
            throw new EvalException("the expression took longer than " + nanos / 1_000_000 + " ms and was stopped");
        }
    }
}
