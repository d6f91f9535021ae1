package dev.ferry.planner.outbox;

import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;
import org.springframework.kafka.support.micrometer.KafkaTemplateObservation;

/**
 * Each record the relay publishes starts a trace, its W3C {@code traceparent} in the record's headers: the worker that
 * takes a {@code phase.started} on continues it, and so does the planner reading the answer, so one step is one trace
 * across the services. The relay runs on its own thread, outside any request, hence a new trace rather than the one
 * of the event that made the planner write the row.
 */
final class StepTraces {

    private static final String SENDER = "outbox-relay";

    private final ObservationRegistry observations;

    StepTraces(ObservationRegistry observations) {
        this.observations = observations;
    }

    /** Sends the record within its span; the span's context is written into the record's headers first. */
    void send(ProducerRecord<String, byte[]> record, Runnable send) {
        KafkaTemplateObservation.TEMPLATE_OBSERVATION
                .observation(
                        null,
                        KafkaTemplateObservation.DefaultKafkaTemplateObservationConvention.INSTANCE,
                        () -> new KafkaRecordSenderContext(record, SENDER, () -> null),
                        observations)
                .observe(send);
    }
}
