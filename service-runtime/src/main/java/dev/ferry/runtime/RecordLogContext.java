package dev.ferry.runtime;

import dev.ferry.contracts.avro.EventMetadata;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.MDC;

/**
 * The migration id, step, event id and trace of the record being handled, in the logging context. Record listeners
 * get it from {@link MetadataLoggingInterceptor}; a batch listener opens it around each record itself. Every log line
 * prints the first three ({@link LoggingDefaults}).
 */
public final class RecordLogContext {

    static final String MIGRATION_ID = "migrationId";
    static final String EVENT_ID = "eventId";
    static final String TRACEPARENT = "traceparent";
    static final String STEP = "step";

    private RecordLogContext() {}

    /** Puts the record's metadata into the logging context; a record without metadata changes nothing. */
    public static void open(SpecificRecord value) {
        if (value != null && metadataOf(value) instanceof EventMetadata metadata) {
            MDC.put(MIGRATION_ID, metadata.getMigrationId());
            MDC.put(EVENT_ID, String.valueOf(metadata.getEventId()));
            if (metadata.getTraceparent() != null) {
                MDC.put(TRACEPARENT, metadata.getTraceparent());
            }
            String step = stepOf(value);
            if (step != null) {
                MDC.put(STEP, step);
            }
        }
    }

    /** {@code phase/service} for a result or progress, {@code phase} for a whole phase; null for anything else. */
    private static String stepOf(SpecificRecord value) {
        Object phase = field(value, "phase");
        if (phase == null) {
            return null;
        }
        Object service = field(value, "service");
        return service == null ? phase.toString() : phase + "/" + service;
    }

    private static Object field(SpecificRecord value, String name) {
        Schema.Field field = value.getSchema().getField(name);
        return field == null ? null : value.get(field.pos());
    }

    public static void close() {
        MDC.remove(MIGRATION_ID);
        MDC.remove(EVENT_ID);
        MDC.remove(TRACEPARENT);
        MDC.remove(STEP);
    }

    private static Object metadataOf(SpecificRecord value) {
        return field(value, "metadata");
    }
}
