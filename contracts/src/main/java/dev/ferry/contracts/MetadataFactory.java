package dev.ferry.contracts;

import dev.ferry.contracts.avro.EventMetadata;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Makes the metadata every record carries, for one producer: fresh event ids, the clock's time, and causation and trace
 * context carried over from the record being reacted to.
 */
public final class MetadataFactory {

    static {
        ContractsTrust.install();
    }

    private final String producer;
    private final Clock clock;
    private final RandomGenerator random;

    private MetadataFactory(String producer, Clock clock, RandomGenerator random) {
        if (producer == null || producer.isBlank()) {
            throw new IllegalArgumentException("producer must name the service that writes the records");
        }
        this.producer = producer;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public static MetadataFactory forProducer(String producer, Clock clock) {
        return new MetadataFactory(producer, clock, new SecureRandom());
    }

    /** Metadata of a record that starts a chain, such as a command a person issued: no cause, a new trace. */
    public EventMetadata first(String migrationId) {
        return build(migrationId, null, Traceparent.newTrace(random));
    }

    /** Metadata of a record caused by {@code cause}: same migration and trace, cause's event id as causation id. */
    public EventMetadata causedBy(EventMetadata cause) {
        var trace = Traceparent.parse(cause.getTraceparent())
                .map(parent -> parent.child(random))
                .orElseGet(() -> Traceparent.newTrace(random));
        return build(cause.getMigrationId(), cause.getEventId(), trace);
    }

    private EventMetadata build(String migrationId, UUID causationId, Traceparent trace) {
        return EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID())
                .setMigrationId(Objects.requireNonNull(migrationId, "migrationId"))
                .setCausationId(causationId)
                // timestamp-millis holds milliseconds; truncating here keeps a record equal to itself after a round
                // trip.
                .setOccurredAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .setProducer(producer)
                .setTraceparent(trace.toString())
                .build();
    }
}
