package dev.ferry.contracts.kafka;

import dev.ferry.contracts.Topics;
import dev.ferry.contracts.serde.EventCodec;
import dev.ferry.contracts.serde.UndecodableRecordException;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer that reads each record as the type its topic carries in the {@link Topics} catalog, and throws
 * {@link UndecodableRecordException} for anything else. Wrap it in an error-handling deserializer so that a bad
 * record goes to the dead-letter topic instead of stopping the consumer.
 */
public final class AvroEventDeserializer implements Deserializer<SpecificRecord> {

    private EventCodec codec;

    /** For Kafka, which creates deserializers by class name and then calls {@link #configure}. */
    public AvroEventDeserializer() {}

    public AvroEventDeserializer(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (codec == null) {
            codec = SchemaDirectories.codecFor(configs);
        }
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        var contract = Topics.named(topic).orElseThrow(() -> UndecodableRecordException.forUnknownTopic(topic));
        return codec.decode(data, contract.valueType(), topic);
    }
}
