package dev.ferry.planner.domain.run;

import java.util.List;

/** Everything that can change a run: a person's command, a worker's report, or the passing of time. */
public sealed interface RunInput {

    /**
     * An ops command; {@code issuedBy} is kept for the audit trail and gate results. {@code roles} are the issuer's
     * verified roles, which {@link Permissions} checks; null when the planner trusts commands as declared (no identity
     * provider configured, and journal entries from before roles were checked).
     */
    sealed interface Command extends RunInput {
        String issuedBy();

        List<String> roles();

        /** The name people use for the command, as in {@code command.rejected}. */
        String name();
    }

    /** @param role the role the approver signs off as (a phase may need several); null for the approver role */
    record Approve(String phase, String environment, String role, String issuedBy, List<String> roles)
            implements Command {
        public Approve(String phase, String environment, String issuedBy) {
            this(phase, environment, null, issuedBy, null);
        }

        @Override
        public String name() {
            return "approve";
        }
    }

    record Pause(String issuedBy, List<String> roles) implements Command {
        public Pause(String issuedBy) {
            this(issuedBy, null);
        }

        @Override
        public String name() {
            return "pause";
        }
    }

    record Resume(String issuedBy, List<String> roles) implements Command {
        public Resume(String issuedBy) {
            this(issuedBy, null);
        }

        @Override
        public String name() {
            return "resume";
        }
    }

    record Abort(String issuedBy, List<String> roles) implements Command {
        public Abort(String issuedBy) {
            this(issuedBy, null);
        }

        @Override
        public String name() {
            return "abort";
        }
    }

    /**
     * @param phase only this phase's failed steps; null for all
     * @param services only these services; empty for all
     */
    record Retry(String phase, List<String> services, String issuedBy, List<String> roles) implements Command {
        public Retry {
            services = List.copyOf(services);
        }

        public Retry(String phase, List<String> services, String issuedBy) {
            this(phase, services, issuedBy, null);
        }

        @Override
        public String name() {
            return "retry";
        }
    }

    /** @param toTag the tag to restore; null for the one deployed before the current one */
    record Rollback(String service, String environment, String toTag, String issuedBy, List<String> roles)
            implements Command {
        public Rollback(String service, String environment, String toTag, String issuedBy) {
            this(service, environment, toTag, issuedBy, null);
        }

        @Override
        public String name() {
            return "rollback";
        }
    }

    /**
     * The attempt of journal entries written before results named their attempt: those were checked when they came,
     * so a replay applies them as it did then. Results from the wire name 1 or more (0 from a worker that predates
     * the field, which is dropped).
     */
    int JOURNALED_BEFORE_ATTEMPTS = -1;

    /**
     * A worker reports that a service's step of a phase succeeded.
     *
     * @param attempt the attempt it answers, from the phase.started it worked on
     */
    record StepSucceeded(String phase, String service, int attempt, StepResult result) implements RunInput {}

    /**
     * A worker reports that a step failed.
     *
     * @param service null when the whole phase failed for every service it was running
     * @param attempt the attempt it answers, from the phase.started it worked on
     * @param retryable whether the same attempt may succeed later (a network error) or never will (bad input)
     * @param rollbackMillis how long the worker took to undo the step's change by itself after the failure (a deploy's
     *     {@code onFailure: rollback}, a traffic shift set back to 0 %), or null when it undid nothing
     */
    record StepFailed(String phase, String service, int attempt, boolean retryable, String reason, Long rollbackMillis)
            implements RunInput {}

    /** A worker says it is still working on a service's step of a phase ({@code step.progress}). */
    record Heartbeat(String phase, String service) implements RunInput {}

    /** Time passed: steps whose retry pause, wait or deadline is over move on. */
    record Tick() implements RunInput {}
}
