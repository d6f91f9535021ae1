package dev.ferry.contracts.serde;

/**
 * A record that cannot be read as the type its topic carries. Consumers never retry it: the services route it to the
 * topic's dead-letter topic with {@link #reason()} and the message in headers, and go on with the next record.
 */
public final class UndecodableRecordException extends RuntimeException {

    /** Why the record could not be read; written to the dead-letter record's headers. */
    public enum Reason {
        /** The bytes do not start with Avro's single-object marker (C3 01): not an Avro record at all. */
        NOT_SINGLE_OBJECT_ENCODED,
        /** The writer schema's fingerprint is in no schema store this consumer can reach. */
        UNKNOWN_SCHEMA,
        /** A valid Avro record, but of a type this topic does not carry. */
        WRONG_RECORD_TYPE,
        /** The header is valid but the body does not decode with the writer's schema. */
        CORRUPT_PAYLOAD,
        /** The topic is not in Ferry's catalog, so no type is known for it. */
        UNKNOWN_TOPIC
    }

    private final Reason reason;
    private final String topic;

    UndecodableRecordException(Reason reason, String topic, String message, Throwable cause) {
        super("cannot decode record on topic " + topic + ": " + message, cause);
        this.reason = reason;
        this.topic = topic;
    }

    /** For a topic outside Ferry's catalog. */
    public static UndecodableRecordException forUnknownTopic(String topic) {
        return new UndecodableRecordException(
                Reason.UNKNOWN_TOPIC,
                topic,
                "the topic is not in Ferry's topic catalog, so its record type is unknown",
                null);
    }

    public Reason reason() {
        return reason;
    }

    public String topic() {
        return topic;
    }
}
