package dev.ferry.planner.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How far the relay has published, kept in a compacted Kafka topic and written in the same Kafka transaction as the
 * events themselves: after a crash the relay reads it back and skips outbox rows it already published, whatever
 * Debezium replays.
 */
final class RelayPosition {

    static final String TOPIC = "ferry.planner.outbox-position";

    private RelayPosition() {}

    static void ensureTopic(Map<String, Object> clientConfig, short replicationFactor) {
        try (Admin admin = Admin.create(clientConfig)) {
            var topic = new NewTopic(TOPIC, 1, replicationFactor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create " + TOPIC + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + TOPIC, e);
        }
    }

    /** The last committed position published by the relay called {@code name}, if it ever published. */
    static Optional<Long> read(Map<String, Object> clientConfig, String name) {
        var config = new Properties();
        config.putAll(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            var partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            Long position = null;
            while (consumer.position(partition) < end) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (name.equals(record.key())) {
                        position = Long.parseLong(record.value());
                    }
                }
            }
            return Optional.ofNullable(position);
        }
    }
}
