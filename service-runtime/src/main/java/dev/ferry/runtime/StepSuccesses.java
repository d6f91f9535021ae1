package dev.ferry.runtime;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepSucceeded;
import java.time.Duration;
import java.util.Map;

/** The {@code step.succeeded} a worker reports for an action of the catalogue, with its outputs by name (ADR 0002). */
public final class StepSuccesses {

    private final MetadataFactory metadata;

    public StepSuccesses(MetadataFactory metadata) {
        this.metadata = metadata;
    }

    /** The service's step of the phase succeeded after {@code took}, caused by the phase's start. */
    public StepSucceeded of(PhaseStarted phase, String service, Map<String, String> outputs, Duration took) {
        return StepSucceeded.newBuilder()
                .setMetadata(metadata.causedBy(phase.getMetadata()))
                .setPhase(phase.getPhase())
                .setService(service)
                .setAction(phase.getAction())
                .setAttempt(phase.getAttempt())
                .setOutputs(outputs)
                .setDurationMillis(took.toMillis())
                .build();
    }
}
