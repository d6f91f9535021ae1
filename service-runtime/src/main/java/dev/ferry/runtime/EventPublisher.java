package dev.ferry.runtime;

import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;

/** Writes a Ferry command or event to the topic the catalog assigns its type, keyed as the catalog says. */
public interface EventPublisher {

    /** Completes when the broker has acknowledged the record; fails with the broker's reason otherwise. */
    CompletableFuture<Void> publish(SpecificRecord event);
}
