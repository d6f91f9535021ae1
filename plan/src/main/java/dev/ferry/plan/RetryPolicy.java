package dev.ferry.plan;

import java.time.Duration;

/**
 * How a step that failed with a retryable error is tried again: up to {@code attempts} attempts in total, waiting
 * {@code backoff} before the second, multiplied by {@code multiplier} each time and never more than {@code maxBackoff}.
 */
public record RetryPolicy(int attempts, Duration backoff, double multiplier, Duration maxBackoff) {

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (backoff.isNegative() || maxBackoff.isNegative() || multiplier < 1) {
            throw new IllegalArgumentException("backoff, maxBackoff must be >= 0 and multiplier >= 1");
        }
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO);
    }

    /** The pause before attempt number {@code nextAttempt} (2 for the first retry). */
    public Duration pauseBefore(int nextAttempt) {
        double millis = backoff.toMillis() * Math.pow(multiplier, Math.max(0, nextAttempt - 2));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}
