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
        Explanation why = explain(failure);
        return new RecordHeaders(new RecordHeader[] {
            new RecordHeader(REASON, why.reason().getBytes(StandardCharsets.UTF_8)),
            new RecordHeader(MESSAGE, why.message().getBytes(StandardCharsets.UTF_8))
        });
    }

    /** Why a record went to the dead-letter topic, with secrets redacted from the message. */
    static Explanation explain(Exception failure) {
        var undecodable = findUndecodable(failure);
        String reason =
                undecodable == null ? HANDLER_FAILED : undecodable.reason().name();
        Throwable shown = undecodable == null ? rootCause(failure) : undecodable;
        return new Explanation(reason, Redaction.redact(String.valueOf(shown.getMessage())));
    }

    record Explanation(String reason, String message) {}

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
