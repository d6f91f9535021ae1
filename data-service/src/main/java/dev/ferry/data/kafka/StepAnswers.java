package dev.ferry.data.kafka;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.StreamStatus;
import org.springframework.stereotype.Component;

/** The {@code step.failed} and {@code step.progress} records of data-service's steps. */
@Component
final class StepAnswers {

    /** The {@code step.progress} unit of a migration: rows written to the target. */
    static final String ROWS = "rows";

    private final MetadataFactory metadata;

    StepAnswers(MetadataFactory metadata) {
        this.metadata = metadata;
    }

    StepFailed failed(PhaseStarted phase, String service, DataStepFailure failure) {
        return StepFailed.newBuilder()
                .setMetadata(metadata.causedBy(phase.getMetadata()))
                .setPhase(phase.getPhase())
                .setService(service)
                .setAction(phase.getAction())
                .setAttempt(phase.getAttempt())
                .setErrorKind(ErrorKind.valueOf(failure.kind().name()))
                .setReason(failure.getMessage())
                .setRetryable(failure.retryable())
                .build();
    }

    StepProgress progress(PhaseStarted phase, String service, StreamStatus status) {
        return StepProgress.newBuilder()
                .setMetadata(metadata.causedBy(phase.getMetadata()))
                .setPhase(phase.getPhase())
                .setService(service)
                .setAction(phase.getAction())
                .setUnit(ROWS)
                .setCompletedUnits(status.rowsCopied())
                .setMessage(describe(status))
                .build();
    }

    /** {@code snapshot done; lag 120 ms, 3 rows; position 0/16B3748}. */
    static String describe(StreamStatus status) {
        return "snapshot " + (status.snapshotDone() ? "done" : "running")
                + status.lag()
                        .map(lag -> "; lag " + lag.toMillis() + " ms, " + status.lagRows() + " rows")
                        .orElse("")
                + (status.position().isEmpty() ? "" : "; position " + status.position())
                + status.failure().map(reason -> "; retrying: " + reason).orElse("");
    }
}
