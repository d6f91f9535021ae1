package dev.ferry.build.kafka;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.runtime.EventPublisher;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes and waits for the broker's acknowledgement, so a result is never lost behind a committed offset. */
public final class Publishing {

    private static final Logger log = LoggerFactory.getLogger(Publishing.class);

    private Publishing() {}

    /**
     * Runs one service's step and publishes the result it returns, or {@code step.failed} with the reason; anything
     * else it throws is a retryable INTERNAL failure. A step that returns null publishes nothing (its result comes
     * later, as a GitHub Actions build's does).
     *
     * @param kind what the step is, for the log ("build", "tag")
     */
    static void outcomeOf(
            EventPublisher publisher,
            BuildEvents events,
            PhaseStarted phase,
            String service,
            String kind,
            Supplier<SpecificRecord> step) {
        SpecificRecord result;
        try {
            result = step.get();
        } catch (BuildFailure failure) {
            log.warn("{} failed service={} kind={} reason={}", kind, service, failure.kind(), failure.reason());
            result = events.failed(phase, service, failure);
        } catch (RuntimeException unexpected) {
            log.error("{} failed unexpectedly service={}", kind, service, unexpected);
            result = events.failed(
                    phase,
                    service,
                    BuildFailure.retryable(
                            FailureKind.INTERNAL, "build-service failed unexpectedly: " + unexpected, unexpected));
        }
        if (result != null) {
            andWait(publisher, result);
        }
    }

    public static void andWait(EventPublisher publisher, SpecificRecord event) {
        try {
            publisher.publish(event).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while publishing " + event.getClass().getSimpleName(), e);
        } catch (ExecutionException e) {
            // Rethrown so the listener's error handling retries the record instead of losing the result.
            throw new IllegalStateException("cannot publish " + event.getClass().getSimpleName(), e.getCause());
        }
    }
}
