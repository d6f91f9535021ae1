package dev.ferry.planner.domain.run;

import dev.ferry.plan.PhaseDefinition;
import dev.ferry.planner.domain.run.RunEffect.PhaseFinished;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A phase's state and end report, derived from its steps. */
final class PhaseSummaries {

    private PhaseSummaries() {}

    static PhaseFinished finished(PhaseDefinition phase, List<Step> steps) {
        List<String> succeeded = services(steps, StepState.SUCCEEDED);
        List<String> failed = steps.stream()
                .filter(step -> step.state() == StepState.FAILED || step.state() == StepState.SKIPPED)
                .map(step -> step.key().service())
                .toList();
        Instant first = steps.stream()
                .map(Step::firstStartedAt)
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
        Instant last = steps.stream()
                .map(Step::finishedAt)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
        Duration duration = first == null || last == null ? Duration.ZERO : Duration.between(first, last);
        return new PhaseFinished(
                phase.name(),
                phase.action(),
                phase.environment(),
                state(StepCounts.of(steps), true, false),
                succeeded,
                failed,
                duration);
    }

    static PhaseState state(StepCounts steps, boolean approvalGiven, boolean approvalRequested) {
        if (steps.ended()) {
            int succeeded = steps.of(StepState.SUCCEEDED);
            if (succeeded == steps.total()) {
                return PhaseState.SUCCEEDED;
            }
            return succeeded == 0 ? PhaseState.FAILED : PhaseState.PARTIALLY_FAILED;
        }
        if (approvalRequested && !approvalGiven) {
            return PhaseState.AWAITING_APPROVAL;
        }
        boolean begun = steps.of(StepState.PENDING) < steps.total();
        return begun ? PhaseState.RUNNING : PhaseState.PENDING;
    }

    private static List<String> services(List<Step> steps, StepState state) {
        return steps.stream()
                .filter(step -> step.state() == state)
                .map(step -> step.key().service())
                .toList();
    }
}
