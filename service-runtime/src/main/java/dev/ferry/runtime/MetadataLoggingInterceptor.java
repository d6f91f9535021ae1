package dev.ferry.runtime;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Puts the migration id, event id and trace of the record being handled into the logging context, so every log line a
 * handler writes can be tied to its run without each handler doing it.
 */
final class MetadataLoggingInterceptor implements RecordInterceptor<String, SpecificRecord> {

    @Override
    public ConsumerRecord<String, SpecificRecord> intercept(
            ConsumerRecord<String, SpecificRecord> record, Consumer<String, SpecificRecord> consumer) {
        RecordLogContext.open(record.value());
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<String, SpecificRecord> record, Consumer<String, SpecificRecord> consumer) {
        RecordLogContext.close();
    }
}
