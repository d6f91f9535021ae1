package dev.ferry.plan.action;

import dev.ferry.plan.DurationText;
import dev.ferry.plan.PhaseDefinition;
import java.time.Duration;

/**
 * {@code wait}: a timed pause, e.g. "monitor 48 h" between traffic steps. The planner's clock is its performer, so it
 * needs no worker and survives planner restarts: the wake-up time is part of the run's state.
 */
public final class Wait {
    /** The phase field that says how long. */
    public static final String DURATION = "duration";

    /** The output that says when the pause ended. */
    public static final String WAITED_UNTIL = "waitedUntil";

    static final Action ACTION = Action.named(
                    "wait", "pauses for a set time, e.g. to watch a deployment for 48h before the next step")
            .performedBy(Action.Performer.CLOCK)
            .fields(ActionField.required(DURATION, ActionField.Type.DURATION, "how long to wait, e.g. 30m, 48h or 2d"))
            .outputs(WAITED_UNTIL)
            .timeout(Duration.ofDays(30))
            .notRetryable()
            .describedAs(step -> "wait " + step.phase().settings().get(DURATION));

    private Wait() {}

    /** How long a phase of this action waits. */
    public static Duration duration(PhaseDefinition phase) {
        return DurationText.parse(phase.settings().get(DURATION)).orElseThrow();
    }
}
