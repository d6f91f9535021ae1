package dev.ferry.notifier.domain;

import java.util.List;

/** The events of a migration run that people hear about, in the notifier's own terms. */
public sealed interface MigrationEvent {

    EventRef ref();

    /**
     * A phase began for some services; a {@link Action#GATE} phase waits for a person to approve it.
     *
     * @param approvedBy who approved the phase before it started (with the roles they signed off as), or null
     */
    record PhaseStarted(
            EventRef ref,
            String planName,
            String phase,
            Action action,
            String environment,
            int attempt,
            List<String> services,
            String approvedBy)
            implements MigrationEvent {
        public PhaseStarted {
            services = List.copyOf(services);
        }

        public PhaseStarted(
                EventRef ref,
                String planName,
                String phase,
                Action action,
                String environment,
                int attempt,
                List<String> services) {
            this(ref, planName, phase, action, environment, attempt, services, null);
        }
    }

    record RepoSplit(EventRef ref, String phase, String service, String targetCommit) implements MigrationEvent {}

    /**
     * A traffic shift moved on: a weight set (and committed), a weight's hold ended with how its evaluations went, or
     * the new backend set back to 0 %. One line as deploy-service wrote it.
     */
    record TrafficStep(EventRef ref, String phase, String service, String line) implements MigrationEvent {}

    /** A step of an action that reports on {@code step.succeeded} (a wait, and actions added later) succeeded. */
    record StepSucceeded(EventRef ref, String phase, String service) implements MigrationEvent {}

    record ImagePushed(EventRef ref, String phase, String service, String imageReference) implements MigrationEvent {}

    record DeploySynced(
            EventRef ref, String phase, String service, String environment, String imageTag, boolean rollback)
            implements MigrationEvent {}

    /** A step failed; {@code service} is null when the whole phase failed. */
    record StepFailed(
            EventRef ref,
            String phase,
            String service,
            Action action,
            int attempt,
            String errorKind,
            String reason,
            boolean retryable,
            String detailsUrl)
            implements MigrationEvent {}

    /** @param approvedBy who approved the phase (a gate, or a phase that waited for approval), or null */
    record PhaseCompleted(
            EventRef ref,
            String phase,
            Action action,
            String environment,
            String outcome,
            List<String> servicesSucceeded,
            List<String> servicesFailed,
            long durationMillis,
            String approvedBy)
            implements MigrationEvent {
        public PhaseCompleted {
            servicesSucceeded = List.copyOf(servicesSucceeded);
            servicesFailed = List.copyOf(servicesFailed);
        }

        public PhaseCompleted(
                EventRef ref,
                String phase,
                Action action,
                String environment,
                String outcome,
                List<String> servicesSucceeded,
                List<String> servicesFailed,
                long durationMillis) {
            this(ref, phase, action, environment, outcome, servicesSucceeded, servicesFailed, durationMillis, null);
        }
    }

    record MigrationFinished(
            EventRef ref,
            String planName,
            String outcome,
            List<ServiceSummary> services,
            double deploySuccessRate,
            long durationMillis)
            implements MigrationEvent {
        public MigrationFinished {
            services = List.copyOf(services);
        }
    }

    record CommandRejected(EventRef ref, String commandType, String issuedBy, String reason, String migrationState)
            implements MigrationEvent {}

    /** The seeds' success metrics of one service; {@code leadTimeMillis} is null when it never deployed. */
    record ServiceSummary(
            String service, Long leadTimeMillis, int deploysAttempted, int deploysSucceeded, List<Rollback> rollbacks) {
        public ServiceSummary {
            rollbacks = List.copyOf(rollbacks);
        }
    }

    record Rollback(String environment, long durationMillis) {}
}
