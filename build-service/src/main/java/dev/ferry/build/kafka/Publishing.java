package dev.ferry.build.kafka;

import dev.ferry.runtime.EventPublisher;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;

/** Publishes and waits for the broker's acknowledgement, so a result is never lost behind a committed offset. */
public final class Publishing {

    private Publishing() {}

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
