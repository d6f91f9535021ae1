package dev.ferry.runtime.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepFailed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What a worker's /actuator/prometheus says of its steps: how long each took from request to answer, and how it ended. */
class StepMetersTest {

    private static final MetadataFactory metadata = MetadataFactory.forProducer("test", Clock.systemUTC());

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final StepMeters meters = new StepMeters(registry, nanos::get);

    @Test
    void eachStepIsTimedFromItsRequestToItsAnswerByActionAndOutcome() {
        PhaseStarted request = request("build", PhaseAction.BUILD, "orders", "users");
        meters.requested(request);

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));
        meters.published(pushed(request, "orders", 4_096));
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
        meters.published(failed(request, "users"));
        meters.published(failed(request, "users"));

        var succeeded = registry.get("ferry.worker.step")
                .tag("action", "build")
                .tag("outcome", "succeeded")
                .timer();
        var failed = registry.get("ferry.worker.step")
                .tag("action", "build")
                .tag("outcome", "failed")
                .timer();
        assertThat(succeeded.count()).isEqualTo(1);
        assertThat(succeeded.totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
        assertThat(failed.count())
                .as("an answer sent again times nothing twice")
                .isEqualTo(1);
        assertThat(failed.totalTime(TimeUnit.SECONDS)).isEqualTo(5.0);
        assertThat(registry.get("ferry.worker.image.pushed.bytes").counter().count())
                .isEqualTo(4_096.0);
    }

    @Test
    void anAnswerToARequestThisWorkerNeverSawIsNotTimed() {
        PhaseStarted request = request("split", PhaseAction.SPLIT, "orders");

        meters.published(failed(request, "orders"));

        assertThat(registry.find("ferry.worker.step").timers()).isEmpty();
    }

    private static PhaseStarted request(String phase, PhaseAction action, String... services) {
        return PhaseStarted.newBuilder()
                .setMetadata(metadata.first("run-1"))
                .setPlanName("plan")
                .setPhase(phase)
                .setAction(action)
                .setAttempt(1)
                .setServices(List.of(services).stream().map(ServiceWorks::of).toList())
                .build();
    }

    private static ImagePushed pushed(PhaseStarted request, String service, long bytes) {
        return ImagePushed.newBuilder()
                .setMetadata(metadata.causedBy(request.getMetadata()))
                .setPhase(request.getPhase())
                .setService(service)
                .setAttempt(1)
                .setImageReference("registry/" + service + "@sha256:00")
                .setDigest("sha256:00")
                .setTags(List.of("v1"))
                .setSizeBytes(bytes * 2)
                .setLayersUploaded(1)
                .setLayersReused(1)
                .setBytesUploaded(bytes)
                .setDurationMillis(1)
                .build();
    }

    private static StepFailed failed(PhaseStarted request, String service) {
        return StepFailed.newBuilder()
                .setMetadata(metadata.causedBy(request.getMetadata()))
                .setPhase(request.getPhase())
                .setService(service)
                .setAction(request.getAction())
                .setAttempt(1)
                .setErrorKind(ErrorKind.INTERNAL)
                .setReason("boom")
                .setRetryable(false)
                .build();
    }
}
