package dev.ferry.planner.domain.run;

import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.action.Action.Performer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Why no run can hang: a step a worker performs has a deadline, its phase's timeout (the action's default unless the
 * plan sets one) after it started. A worker that is still at it says so with {@code step.progress}; each such heartbeat
 * moves the deadline to a heartbeat window after it, so a long step that is alive runs on and a silent one fails as
 * TIMEOUT, retryable like any failure its action allows. Steps a person or the planner's clock performs have none.
 */
final class Deadlines {
    /** The longest silence a running step may keep once its timeout is over; shorter when the timeout is. */
    static final Duration MAX_HEARTBEAT_WINDOW = Duration.ofMinutes(2);

    private Deadlines() {}

    /** The deadline of a step of the phase that starts now, if its performer has one. */
    static Optional<Instant> forStart(PhaseDefinition phase, Instant now) {
        return phase.action().performer() == Performer.WORKER
                ? Optional.of(now.plus(phase.timeout()))
                : Optional.empty();
    }

    /**
     * The deadline a heartbeat at {@code now} gives, or empty when it would not move the deadline by at least half a
     * window: workers beat about once a second, and only a heartbeat that matters is worth a journal entry.
     */
    static Optional<Instant> afterHeartbeat(PhaseDefinition phase, Step step, Instant now) {
        if (step.state() != StepState.STARTED || step.deadline() == null) {
            return Optional.empty();
        }
        Duration window = window(phase);
        Instant moved = now.plus(window);
        return moved.isAfter(step.deadline().plus(window.dividedBy(2))) ? Optional.of(moved) : Optional.empty();
    }

    static Duration window(PhaseDefinition phase) {
        return phase.timeout().compareTo(MAX_HEARTBEAT_WINDOW) < 0 ? phase.timeout() : MAX_HEARTBEAT_WINDOW;
    }
}
