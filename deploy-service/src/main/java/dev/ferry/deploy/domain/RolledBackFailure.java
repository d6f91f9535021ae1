package dev.ferry.deploy.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * A step that failed and then undid its own change: a deploy with {@code onFailure: rollback} that restored the
 * previous tag, a traffic shift that set the weight back to 0 %. The step still failed, and is not retried; how long
 * the undo took goes to the planner as a number, the run's rollback time in that environment.
 */
public final class RolledBackFailure extends StepFailure {

    private final Duration rollbackTime;

    public RolledBackFailure(Kind kind, String message, Duration rollbackTime, Throwable cause) {
        super(kind, false, message, cause);
        this.rollbackTime = Objects.requireNonNull(rollbackTime, "rollbackTime");
    }

    public Duration rollbackTime() {
        return rollbackTime;
    }
}
