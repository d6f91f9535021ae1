package dev.ferry.contracts.kafka;

import dev.ferry.contracts.serde.EventCodec;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer writing any Ferry command or event in Ferry's wire format (see {@link EventCodec}). */
public final class AvroEventSerializer implements Serializer<SpecificRecord> {

    private EventCodec codec;

    /** For Kafka, which creates serializers by class name and then calls {@link #configure}. */
    public AvroEventSerializer() {}

    public AvroEventSerializer(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (codec == null) {
            codec = SchemaDirectories.codecFor(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord data) {
        return data == null ? null : codec.encode(data);
    }
}
