package dev.ferry.planner.domain.run;

import dev.ferry.plan.action.Action;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a change of a run asks the world to do; the adapters turn each into one event. */
public sealed interface RunEffect {

    /**
     * Workers must run a phase for these services (one {@code phase.started}).
     *
     * @param environment the environment of a DEPLOY or ROLLBACK phase, else null
     * @param settings the action's settings for a step the plan has no phase of (a rollback that sets traffic back to
     *     0 %); null for the phase's own
     */
    record PhaseStartRequested(
            String phase,
            Action action,
            String environment,
            int attempt,
            List<ServiceStart> services,
            Map<String, String> settings)
            implements RunEffect {
        public PhaseStartRequested {
            services = List.copyOf(services);
            settings = settings == null ? null : Map.copyOf(settings);
        }

        public PhaseStartRequested(
                String phase, Action action, String environment, int attempt, List<ServiceStart> services) {
            this(phase, action, environment, attempt, services, null);
        }
    }

    /** One service of a started phase, with what earlier steps produced for it. */
    record ServiceStart(String service, PriorResults prior) {}

    /**
     * A phase waits for a person (an approval or a gate's checklist); announced as a GATE {@code phase.started}
     * that no worker acts on.
     */
    record ApprovalRequested(String phase, String environment, List<ServiceStart> services, List<String> checklist)
            implements RunEffect {
        public ApprovalRequested {
            services = List.copyOf(services);
            checklist = List.copyOf(checklist);
        }
    }

    record PhaseFinished(
            String phase,
            Action action,
            String environment,
            PhaseState outcome,
            List<String> succeeded,
            List<String> failed,
            Duration duration)
            implements RunEffect {
        public PhaseFinished {
            succeeded = List.copyOf(succeeded);
            failed = List.copyOf(failed);
        }
    }

    /**
     * A step the planner performed itself (a wait) succeeded; announced on {@code step.succeeded} with its outputs,
     * as a worker would announce its own.
     */
    record StepCompleted(String phase, String service, Action action, StepResult result) implements RunEffect {}

    /**
     * A worker's step passed its deadline with no result and no heartbeat; announced on {@code step.failed} as
     * TIMEOUT, as a worker would announce its own failure.
     */
    record StepTimedOut(String phase, String service, Action action, int attempt, boolean retryable, String reason)
            implements RunEffect {}

    record RunFinished(RunState outcome, RunMetrics metrics, Duration duration) implements RunEffect {}

    /**
     * A worker's result that answers no step the planner is waiting for (unknown, no longer running, or another
     * attempt than the running one); it changed nothing, and people are told why in the log and a counter.
     */
    record ResultDropped(String phase, String service, int attempt, String reason) implements RunEffect {}

    /** A command that does not apply in the run's state, and why. */
    record CommandRefused(String command, String reason, RunState state) implements RunEffect {}
}
