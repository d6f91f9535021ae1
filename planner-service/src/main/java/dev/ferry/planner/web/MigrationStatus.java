package dev.ferry.planner.web;

import dev.ferry.planner.app.LiveOutput;
import dev.ferry.planner.domain.run.Approval;
import dev.ferry.planner.domain.run.RunView;
import dev.ferry.planner.domain.run.Step;
import dev.ferry.planner.domain.run.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The status API's JSON shape of a run (documented in the README and read by {@code ferry status}). */
record MigrationStatus(
        String id, String planName, String state, Instant startedAt, Instant finishedAt, List<PhaseStatus> phases) {

    record PhaseStatus(
            String name,
            String action,
            String environment,
            String state,
            boolean approvalRequired,
            String approvedBy,
            List<Approval> approvals,
            List<String> approvalsMissing,
            List<StepStatus> steps) {}

    record StepStatus(
            String service,
            String state,
            int attempt,
            Instant startedAt,
            Instant finishedAt,
            Instant retryAt,
            Instant waitingUntil,
            Instant deadline,
            String lastError,
            Map<String, String> result,
            List<String> output,
            Double percent) {}

    /** @param output the last lines each running job printed, and how far each running step is */
    static MigrationStatus of(RunView view, LiveOutput output) {
        return new MigrationStatus(
                view.id(),
                view.planName(),
                view.state().name(),
                view.startedAt(),
                view.finishedAt(),
                view.phases().stream()
                        .map(phase -> new PhaseStatus(
                                phase.name(),
                                phase.action().name(),
                                phase.environment(),
                                phase.state().name(),
                                phase.approvalRequired(),
                                phase.approvedBy(),
                                phase.approvals(),
                                phase.approvalsMissing(),
                                phase.steps().stream()
                                        .map(step -> step(
                                                step,
                                                running(step)
                                                        ? output.of(
                                                                view.id(),
                                                                phase.name(),
                                                                step.key().service())
                                                        : List.of(),
                                                running(step)
                                                        ? output.percentOf(
                                                                view.id(),
                                                                phase.name(),
                                                                step.key().service())
                                                        : null))
                                        .toList()))
                        .toList());
    }

    private static boolean running(Step step) {
        return step.state() == StepState.STARTED;
    }

    private static StepStatus step(Step step, List<String> output, Double percent) {
        return new StepStatus(
                step.key().service(),
                step.state().name(),
                step.attempt(),
                step.startedAt(),
                step.finishedAt(),
                step.retryAt(),
                step.wakeAt(),
                step.deadline(),
                step.lastError(),
                step.result() == null ? Map.of() : step.result().describe(),
                output,
                percent);
    }
}
