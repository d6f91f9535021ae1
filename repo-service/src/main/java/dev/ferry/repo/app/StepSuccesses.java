package dev.ferry.repo.app;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepSucceeded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The {@code step.succeeded} a service reports for an action of the catalogue, with its outputs by name (ADR 0002). */
final class StepSuccesses {

    private final MetadataFactory metadata;
    private final Clock clock;

    StepSuccesses(MetadataFactory metadata, Clock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    StepSucceeded of(PhaseStarted phase, String service, Map<String, String> outputs, Instant started) {
        return StepSucceeded.newBuilder()
                .setMetadata(metadata.causedBy(phase.getMetadata()))
                .setPhase(phase.getPhase())
                .setService(service)
                .setAction(phase.getAction())
                .setAttempt(phase.getAttempt())
                .setOutputs(outputs)
                .setDurationMillis(Duration.between(started, clock.instant()).toMillis())
                .build();
    }
}
