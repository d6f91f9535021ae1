package dev.ferry.runtime;

import dev.ferry.contracts.Redaction;
import dev.ferry.contracts.serde.UndecodableRecordException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Ferry's own headers on a dead-letter record, beside Spring Kafka's {@code kafka_dlt-*} ones: a reason a program can
 * switch on and a message a person can act on.
 */
public final class DeadLetterHeaders {

    /** One of {@link UndecodableRecordException.Reason}'s names, or {@link #HANDLER_FAILED}. */
    public static final String REASON = "ferry-dlq-reason";
    /** What went wrong, in words. */
    public static final String MESSAGE = "ferry-dlq-message";
    /** Reason of a record that decoded but whose handler kept failing. */
    public static final String HANDLER_FAILED = "HANDLER_FAILED";

    private DeadLetterHeaders() {}

    static Headers describe(ConsumerRecord<?, ?> record, Exception failure) {
        var undecodable = findUndecodable(failure);
        String reason =
                undecodable == null ? HANDLER_FAILED : undecodable.reason().name();
        Throwable shown = undecodable == null ? rootCause(failure) : undecodable;
        String message = Redaction.redact(String.valueOf(shown.getMessage()));
        return new RecordHeaders(new RecordHeader[] {
            new RecordHeader(REASON, reason.getBytes(StandardCharsets.UTF_8)),
            new RecordHeader(MESSAGE, message.getBytes(StandardCharsets.UTF_8))
        });
    }

    private static UndecodableRecordException findUndecodable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UndecodableRecordException undecodable) {
                return undecodable;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
