package dev.ferry.runtime;

import dev.ferry.contracts.avro.EventMetadata;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.MDC;

/**
 * The migration id, event id and trace of the record being handled, in the logging context. Record listeners get it
 * from {@link MetadataLoggingInterceptor}; a batch listener opens it around each record itself.
 */
public final class RecordLogContext {

    static final String MIGRATION_ID = "migrationId";
    static final String EVENT_ID = "eventId";
    static final String TRACEPARENT = "traceparent";

    private RecordLogContext() {}

    /** Puts the record's metadata into the logging context; a record without metadata changes nothing. */
    public static void open(SpecificRecord value) {
        if (value != null && metadataOf(value) instanceof EventMetadata metadata) {
            MDC.put(MIGRATION_ID, metadata.getMigrationId());
            MDC.put(EVENT_ID, String.valueOf(metadata.getEventId()));
            if (metadata.getTraceparent() != null) {
                MDC.put(TRACEPARENT, metadata.getTraceparent());
            }
        }
    }

    public static void close() {
        MDC.remove(MIGRATION_ID);
        MDC.remove(EVENT_ID);
        MDC.remove(TRACEPARENT);
    }

    private static Object metadataOf(SpecificRecord value) {
        Schema.Field field = value.getSchema().getField("metadata");
        return field == null ? null : value.get(field.pos());
    }
}
