package dev.ferry.deploy.kafka;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.HealthStatus;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.SyncStatus;
import dev.ferry.deploy.domain.DeployRequest;
import dev.ferry.deploy.domain.DeployResult;
import dev.ferry.deploy.domain.Redaction;
import dev.ferry.deploy.domain.RolledBackFailure;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.WriteOutcome;

/** Turns a step's result into the contract's {@code deploy.synced} or {@code step.failed}. */
public final class ResultEvents {

    private final MetadataFactory metadata;

    public ResultEvents(MetadataFactory metadata) {
        this.metadata = metadata;
    }

    DeploySynced synced(PhaseStarted cause, DeployRequest request, DeployResult result) {
        var change = request.change();
        var sync = result.sync();
        return DeploySynced.newBuilder()
                .setMetadata(metadata.causedBy(cause.getMetadata()))
                .setPhase(cause.getPhase())
                .setService(change.service())
                .setAttempt(cause.getAttempt())
                .setEnvironment(change.environment())
                .setImageTag(change.version().tag())
                .setGitopsRepository(Redaction.redact(request.target().repository()))
                .setGitopsCommit(commit(result.written()))
                .setApplication(sync.target().orElse(null))
                .setSyncedRevision(sync.syncedRevision().orElse(null))
                .setSyncStatus(SyncStatus.valueOf(sync.sync().name()))
                .setHealth(HealthStatus.valueOf(sync.health().name()))
                .setRollback(change.rollback())
                .setMessage(sync.message().orElse(null))
                .setDurationMillis(result.duration().toMillis())
                .setImageDigest(
                        change.rollback() ? null : change.version().digest().orElse(null))
                .build();
    }

    public StepFailed failed(PhaseStarted cause, String service, StepFailure failure) {
        return StepFailed.newBuilder()
                .setMetadata(metadata.causedBy(cause.getMetadata()))
                .setPhase(cause.getPhase())
                .setService(service)
                .setAction(cause.getAction())
                .setAttempt(cause.getAttempt())
                .setErrorKind(ErrorKind.valueOf(failure.kind().name()))
                .setReason(Redaction.redact(failure.getMessage()))
                .setRetryable(failure.retryable())
                .setRollbackMillis(
                        failure instanceof RolledBackFailure rolledBack
                                ? rolledBack.rollbackTime().toMillis()
                                : null)
                .build();
    }

    private static String commit(WriteOutcome written) {
        return switch (written) {
            case WriteOutcome.Committed c -> c.commit();
            case WriteOutcome.FoundEarlier f -> f.commit();
            case WriteOutcome.AlreadyCurrent a -> null;
        };
    }
}
