package dev.ferry.deploy.kafka;

import dev.ferry.contracts.kafka.AvroEventDeserializer;
import dev.ferry.testsupport.KafkaTestBroker;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Consumers a test reads deploy-service's results with, from the start of the topics, in a group of their own. */
public final class ResultConsumers {

    private ResultConsumers() {}

    /** Reads the contract's events. */
    public static KafkaConsumer<String, SpecificRecord> fromStart(String group, List<String> topics) {
        return fromStart(group, topics, AvroEventDeserializer.class);
    }

    /** Reads values with {@code values} (raw bytes for a dead-letter topic). */
    public static <V> KafkaConsumer<String, V> fromStart(String group, List<String> topics, Class<?> values) {
        var consumer = new KafkaConsumer<String, V>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                // The reader may subscribe before the service has created the topics; without a short metadata age
                // the consumer would only notice them after five minutes.
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                values,
                "ferry.schema.topic",
                "ferry.schemas"));
        consumer.subscribe(topics);
        return consumer;
    }
}
