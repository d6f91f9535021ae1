package dev.ferry.runtime.steps;

import dev.ferry.runtime.EventPublisher;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;

/** Publishes through another publisher and tells the {@link StepMeters} of each record the broker took. */
public final class MeteredPublisher implements EventPublisher {

    private final EventPublisher delegate;
    private final StepMeters meters;

    public MeteredPublisher(EventPublisher delegate, StepMeters meters) {
        this.delegate = delegate;
        this.meters = meters;
    }

    @Override
    public CompletableFuture<Void> publish(SpecificRecord event) {
        return delegate.publish(event).thenRun(() -> meters.published(event));
    }
}
