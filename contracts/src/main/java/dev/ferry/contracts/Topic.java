package dev.ferry.contracts;

import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of Ferry's: its name, how many partitions it has, the one record type it carries and how a record's
 * key is derived, so that every producer keys the same record the same way.
 */
public record Topic<V extends SpecificRecord>(
        String name, int partitions, Class<V> valueType, Function<V, String> keyOf) {

    /** Suffix of the dead-letter topic that holds records of this topic no consumer could decode or handle. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(keyOf, "keyOf");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition, got " + partitions);
        }
    }

    /** The key this record is written with. */
    public String keyFor(V value) {
        return keyOf.apply(value);
    }

    /** The key of any record of this topic, checked against the topic's type. */
    public String keyForRecord(SpecificRecord value) {
        return keyFor(valueType.cast(value));
    }

    /** The schema of the record type this build of Ferry writes to the topic. */
    public Schema schema() {
        return SpecificData.get().getSchema(valueType);
    }

    public String deadLetterName() {
        return name + DEAD_LETTER_SUFFIX;
    }
}
