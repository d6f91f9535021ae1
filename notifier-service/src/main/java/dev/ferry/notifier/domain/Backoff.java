package dev.ferry.notifier.domain;

import java.time.Duration;
import java.util.Objects;

/** How long to wait before trying a sink again: what the service asked for, else doubling up to a ceiling. */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "backoff needs 0 < initial <= max, got initial " + initial + " and max " + max);
        }
    }

    /** Wait after the {@code failures}-th failure in a row (1 for the first). */
    public Duration after(int failures, ChatFailure failure) {
        return failure.retryAfter().orElseGet(() -> doubling(failures));
    }

    /** Wait after the {@code failures}-th failure in a row when nothing says how long. */
    public Duration after(int failures) {
        return doubling(failures);
    }

    private Duration doubling(int failures) {
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        Duration wait = initial.multipliedBy(1L << shift);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
