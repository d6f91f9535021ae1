package dev.ferry.build.kafka;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.BuiltImage;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.plan.action.Run;
import dev.ferry.runtime.StepSuccesses;
import java.time.Duration;
import java.util.Map;

/** Makes the events build-service emits, each caused by the {@code phase.started} it answers. */
public final class BuildEvents {

    private final MetadataFactory metadata;
    private final StepSuccesses successes;

    public BuildEvents(MetadataFactory metadata) {
        this.metadata = metadata;
        this.successes = new StepSuccesses(metadata);
    }

    ImagePushed pushed(PhaseStarted phase, BuiltImage built) {
        var image = built.image();
        return ImagePushed.newBuilder()
                .setMetadata(metadata.causedBy(phase.getMetadata()))
                .setPhase(phase.getPhase())
                .setService(built.service())
                .setAttempt(phase.getAttempt())
                .setImageReference(image.reference())
                .setDigest(image.digest())
                .setTags(image.tags())
                .setSourceCommit(built.commit())
                .setSizeBytes(image.sizeBytes())
                .setLayersUploaded(image.layersUploaded())
                .setLayersReused(image.layersReused())
                .setBytesUploaded(image.bytesUploaded())
                .setDurationMillis(built.duration().toMillis())
                .setBuilder(built.builder().planName())
                .build();
    }

    StepFailed failed(PhaseStarted phase, String service, BuildFailure failure) {
        return StepFailed.newBuilder()
                .setMetadata(metadata.causedBy(phase.getMetadata()))
                .setPhase(phase.getPhase())
                .setService(service)
                .setAction(phase.getAction())
                .setAttempt(phase.getAttempt())
                .setErrorKind(ErrorKind.valueOf(failure.kind().name()))
                .setReason(failure.reason())
                .setRetryable(failure.retryable())
                .setDetailsUrl(failure.detailsUrl())
                .build();
    }

    /** A step of an action of the catalogue that succeeded, with its outputs by name (ADR 0002). */
    StepSucceeded succeeded(PhaseStarted phase, String service, Map<String, String> outputs, Duration took) {
        return successes.of(phase, service, outputs, took);
    }

    /** Lines a running job printed; {@code linesSoFar} counts every line since it started. */
    StepProgress jobOutput(PhaseStarted phase, String service, long linesSoFar, String lines) {
        return StepProgress.newBuilder()
                .setMetadata(metadata.causedBy(phase.getMetadata()))
                .setPhase(phase.getPhase())
                .setService(service)
                .setAction(phase.getAction())
                .setUnit(Run.OUTPUT_LINES)
                .setCompletedUnits(linesSoFar)
                .setMessage(lines)
                .build();
    }

    StepProgress progress(PhaseStarted phase, String service, long bytes, double fraction) {
        return StepProgress.newBuilder()
                .setMetadata(metadata.causedBy(phase.getMetadata()))
                .setPhase(phase.getPhase())
                .setService(service)
                .setAction(PhaseAction.BUILD)
                .setUnit("bytes")
                .setCompletedUnits(bytes)
                .setPercent(Math.round(fraction * 1000) / 10.0)
                .setMessage("building and pushing the image")
                .build();
    }
}
