package dev.ferry.cli.status;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A run as the planner's status API shows it (see notes/PLANNER-INTERFACES.md): phases, and in each phase one step per
 * service. Values the planner may add later read as UNKNOWN, so an older CLI still shows a newer planner's runs.
 */
public record MigrationStatus(
        String id, String planName, RunState state, Instant startedAt, Instant finishedAt, List<Phase> phases) {

    public MigrationStatus {
        state = state == null ? RunState.UNKNOWN : state;
        phases = phases == null ? List.of() : List.copyOf(phases);
    }

    public enum RunState {
        PENDING,
        RUNNING,
        PAUSED,
        SUCCEEDED,
        FAILED,
        ABORTED,
        UNKNOWN;

        /** The planner's stream ends after one of these; nothing changes any more. */
        public boolean isFinal() {
            return this == SUCCEEDED || this == FAILED || this == ABORTED;
        }
    }

    public enum PhaseState {
        PENDING,
        AWAITING_APPROVAL,
        RUNNING,
        SUCCEEDED,
        PARTIALLY_FAILED,
        FAILED,
        UNKNOWN
    }

    public enum StepState {
        PENDING,
        STARTED,
        RETRY_WAIT,
        SUCCEEDED,
        FAILED,
        SKIPPED,
        UNKNOWN;

        /** Counted as done in progress bars: nothing more will happen to the step unless someone retries it. */
        public boolean isDone() {
            return this == SUCCEEDED || this == SKIPPED;
        }
    }

    /**
     * @param environment the environment a deploy phase targets, or null
     * @param approvedBy who approved, once every sign-off is in; null before (and from planners that predate it)
     * @param approvals the sign-offs given so far
     * @param approvalsMissing the roles whose sign-off the phase still waits for, when it lists roles
     */
    public record Phase(
            String name,
            String action,
            String environment,
            PhaseState state,
            boolean approvalRequired,
            String approvedBy,
            List<Approval> approvals,
            List<String> approvalsMissing,
            List<Step> steps) {

        public Phase {
            state = state == null ? PhaseState.UNKNOWN : state;
            approvals = approvals == null ? List.of() : List.copyOf(approvals);
            approvalsMissing = approvalsMissing == null ? List.of() : List.copyOf(approvalsMissing);
            steps = steps == null ? List.of() : List.copyOf(steps);
        }

        public long done() {
            return steps.stream().filter(step -> step.state().isDone()).count();
        }

        /** The phase's step for one service, if the service takes part in it. */
        public Optional<Step> step(String service) {
            return steps.stream()
                    .filter(step -> Objects.equals(step.service(), service))
                    .findFirst();
        }
    }

    /**
     * @param waitingUntil when a running step the planner's clock performs (a wait) ends, else null
     * @param result string values the step produced, e.g. splitCommit, imageDigest, gitopsCommit
     * @param output the last lines a running job printed (a run phase's step), else empty
     */
    public record Step(
            String service,
            StepState state,
            int attempt,
            Instant startedAt,
            Instant finishedAt,
            Instant waitingUntil,
            String lastError,
            Map<String, String> result,
            List<String> output) {

        public Step {
            state = state == null ? StepState.UNKNOWN : state;
            result = result == null ? Map.of() : Map.copyOf(result);
            output = output == null ? List.of() : List.copyOf(output);
        }

        /** A step that printed nothing (any step but a running job's). */
        public Step(
                String service,
                StepState state,
                int attempt,
                Instant startedAt,
                Instant finishedAt,
                Instant waitingUntil,
                String lastError,
                Map<String, String> result) {
            this(service, state, attempt, startedAt, finishedAt, waitingUntil, lastError, result, List.of());
        }
    }

    /** Every service of the run, in the order they first appear in the phases. */
    public List<String> services() {
        Set<String> services = new LinkedHashSet<>();
        phases.forEach(phase -> phase.steps().forEach(step -> services.add(step.service())));
        return List.copyOf(services);
    }

    public Optional<Phase> phase(String name) {
        return phases.stream().filter(phase -> phase.name().equals(name)).findFirst();
    }

    public long stepsDone() {
        return phases.stream().mapToLong(Phase::done).sum();
    }

    public long stepCount() {
        return phases.stream().mapToLong(phase -> phase.steps().size()).sum();
    }

    /** One sign-off of a phase: who, as which role, when. */
    public record Approval(String by, String role, Instant at) {}
}
