package dev.ferry.runtime;

import dev.ferry.contracts.kafka.AvroEventDeserializer;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * What every Ferry consumer needs on top of {@code spring.kafka.*}, whoever builds it: the planner's listener factory
 * or a worker's Spring Cloud Stream binding. Settings a service made itself are kept where they may differ.
 */
final class ConsumerSettings {

    private ConsumerSettings() {}

    /** Adds Ferry's settings to {@code config} (Kafka client settings) and returns it. */
    static Map<String, Object> applyTo(Map<String, Object> config, FerryKafkaProperties ferry) {
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // A record that does not decode becomes a DeserializationException for the error handler, not a poll loop.
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, AvroEventDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group of a worker starts at the newest request: an expired or reset group must not replay old work.
        // Services that keep their own record of what they read (the planner, the notifier) set earliest.
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // The planner publishes through Kafka transactions: records of a transaction that aborted must stay unseen.
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A transaction's commit marker does not wake a read_committed fetch waiting on the broker: without a short
        // wait, each transactional hop would cost the whole default fetch wait (500 ms).
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        // A replica that died (kill -9 says no goodbye) hands its partitions to the others after this long.
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        config.put(FerryKafkaAutoConfiguration.SCHEMA_TOPIC_CLIENT_CONFIG, ferry.schemaTopic());
        return config;
    }
}
