package dev.ferry.planner.domain.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One service's step of one phase, as an immutable value; every change makes a new one.
 *
 * @param attempt the number of the latest attempt started (0 before the first)
 * @param firstStartedAt when the first attempt started; lead times are measured from it
 * @param retryAt when a RETRY_WAIT step starts again
 * @param wakeAt when a running step that the planner's clock performs (a wait) is done
 * @param deadline when a running step a worker performs fails as TIMEOUT unless its result or a heartbeat came first
 */
public record Step(
        StepKey key,
        StepState state,
        int attempt,
        Instant firstStartedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant retryAt,
        Instant wakeAt,
        Instant deadline,
        String lastError,
        StepResult result) {

    static Step pending(StepKey key) {
        return new Step(key, StepState.PENDING, 0, null, null, null, null, null, null, null, null);
    }

    Step started(Instant now) {
        Instant first = firstStartedAt == null ? now : firstStartedAt;
        return new Step(key, StepState.STARTED, attempt + 1, first, now, null, null, null, null, lastError, null);
    }

    /** A started step that ends by itself at {@code at}. */
    Step wakingAt(Instant at) {
        return new Step(key, state, attempt, firstStartedAt, startedAt, null, null, at, null, lastError, null);
    }

    /** A started step that fails as TIMEOUT at {@code at} unless its result or a heartbeat comes first. */
    Step dueBy(Instant at) {
        return new Step(key, state, attempt, firstStartedAt, startedAt, null, null, null, at, lastError, null);
    }

    Step succeeded(StepResult outcome, Instant now) {
        return new Step(
                key, StepState.SUCCEEDED, attempt, firstStartedAt, startedAt, now, null, null, null, null, outcome);
    }

    Step failed(String reason, Instant now) {
        return new Step(key, StepState.FAILED, attempt, firstStartedAt, startedAt, now, null, null, null, reason, null);
    }

    Step waitingToRetry(String reason, Instant at, Instant now) {
        return new Step(
                key, StepState.RETRY_WAIT, attempt, firstStartedAt, startedAt, now, at, null, null, reason, null);
    }

    Step skipped(String reason) {
        return new Step(
                key, StepState.SKIPPED, attempt, firstStartedAt, startedAt, null, null, null, null, reason, null);
    }

    /** Back to PENDING for a retry command; the attempt count goes on. */
    Step reopened() {
        return new Step(key, StepState.PENDING, attempt, firstStartedAt, null, null, null, null, null, lastError, null);
    }

    public Optional<Duration> duration() {
        return startedAt == null || finishedAt == null
                ? Optional.empty()
                : Optional.of(Duration.between(startedAt, finishedAt));
    }

    /** When this step next changes by itself (a retry pause or a wait ends, or its deadline passes), if it does. */
    Optional<Instant> dueAt() {
        if (state == StepState.RETRY_WAIT) {
            return Optional.of(retryAt);
        }
        if (state != StepState.STARTED) {
            return Optional.empty();
        }
        return Optional.ofNullable(wakeAt != null ? wakeAt : deadline);
    }
}
