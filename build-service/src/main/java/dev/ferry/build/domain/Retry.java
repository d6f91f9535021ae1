package dev.ferry.build.domain;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Tries again when a registry cannot be reached: a network blip should not fail a migration, but a registry that
 * stays away should fail it with a reason that says so. Other failures are not retried here, since repeating the
 * same wrong credentials or missing base image changes nothing.
 */
public record Retry(int attempts, Duration firstPause, Pause pause) {

    /** Waits between attempts; injected so tests do not wait. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    public Retry {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    <T> T call(String what, Supplier<T> action) {
        Duration wait = firstPause;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (BuildFailure failure) {
                if (failure.kind() != FailureKind.UNREACHABLE || !failure.retryable()) {
                    throw failure;
                }
                if (attempt == attempts) {
                    throw BuildFailure.retryable(
                            FailureKind.UNREACHABLE,
                            what + ": " + failure.reason() + " (gave up after " + attempts + " attempts)",
                            failure);
                }
            }
            sleep(wait);
            wait = wait.multipliedBy(2);
        }
    }

    private void sleep(Duration duration) {
        try {
            pause.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BuildFailure.retryable(FailureKind.INTERNAL, "interrupted while waiting to retry", e);
        }
    }
}
