package dev.ferry.runtime;

import dev.ferry.contracts.avro.EventMetadata;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Puts the migration id, event id and trace of the record being handled into the logging context, so every log line a
 * handler writes can be tied to its run without each handler doing it.
 */
final class MetadataLoggingInterceptor implements RecordInterceptor<String, SpecificRecord> {

    static final String MIGRATION_ID = "migrationId";
    static final String EVENT_ID = "eventId";
    static final String TRACEPARENT = "traceparent";

    @Override
    public ConsumerRecord<String, SpecificRecord> intercept(
            ConsumerRecord<String, SpecificRecord> record, Consumer<String, SpecificRecord> consumer) {
        if (record.value() != null && metadataOf(record.value()) instanceof EventMetadata metadata) {
            MDC.put(MIGRATION_ID, metadata.getMigrationId());
            MDC.put(EVENT_ID, String.valueOf(metadata.getEventId()));
            if (metadata.getTraceparent() != null) {
                MDC.put(TRACEPARENT, metadata.getTraceparent());
            }
        }
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<String, SpecificRecord> record, Consumer<String, SpecificRecord> consumer) {
        MDC.remove(MIGRATION_ID);
        MDC.remove(EVENT_ID);
        MDC.remove(TRACEPARENT);
    }

    private static Object metadataOf(SpecificRecord value) {
        Schema.Field field = value.getSchema().getField("metadata");
        return field == null ? null : value.get(field.pos());
    }
}
