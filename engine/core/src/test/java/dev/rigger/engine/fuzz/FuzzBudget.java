package dev.rigger.engine.fuzz;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a fuzzer runs, shared by every fuzz test so one knob lengthens them all: seconds by
 * default (a plain {@code mvn test}), minutes in CI, where {@code ./test} sets
 * {@code RIGGER_FUZZ_SECONDS} (or {@code -Drigger.fuzz.seconds=N}). The seed
 * ({@code rigger.fuzz.seed} / {@code RIGGER_FUZZ_SEED}) replays a run; without one a fresh seed
 * is drawn and printed, so a failure found in CI can be reproduced.
 */
public record FuzzBudget(Duration time, long seed) {

    /** The configured duration, or {@code byDefault} when none is set. */
    public static FuzzBudget orDefault(Duration byDefault) {
        return new FuzzBudget(configured().orElse(byDefault), drawSeed());
    }

    /** The duration asked for on the command line or in the environment, if any. */
    public static Optional<Duration> configured() {
        return setting("rigger.fuzz.seconds", "RIGGER_FUZZ_SECONDS").map(s -> Duration.ofSeconds(Long.parseLong(s.trim())));
    }

    private static long drawSeed() {
        return setting("rigger.fuzz.seed", "RIGGER_FUZZ_SEED").map(s -> Long.parseLong(s.trim()))
                .orElseGet(() -> new java.security.SecureRandom().nextLong());
    }

    /** A system property first, then the environment; blank counts as unset. */
    public static Optional<String> setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) v = System.getenv(env);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** The moment {@code fraction} of the budget, counted from now, is spent. */
    public long deadlineNanos(double fraction) {
        return System.nanoTime() + (long) (time.toNanos() * fraction);
    }
}
