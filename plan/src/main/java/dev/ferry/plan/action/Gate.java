package dev.ferry.plan.action;

import java.time.Duration;

/** {@code gate}: a person confirms a checklist; no worker runs. */
final class Gate {
    static final Action ACTION = Action.named("gate", "waits for a person to approve, after checking its checklist")
            .performedBy(Action.Performer.PERSON)
            .fields(ActionField.optional(
                    "checklist", ActionField.Type.STRING_LIST, "items a person confirms before approving"))
            .outputs("approvedBy")
            // A person may take days; the deadline is the run's, not the gate's.
            .timeout(Duration.ofDays(30))
            .notRetryable()
            .describedAs(Gate::describe);

    private Gate() {}

    private static String describe(StepContext step) {
        int items = step.phase().checklist().size();
        return items == 0 ? "gate" : "gate: " + items + "-item checklist";
    }
}
