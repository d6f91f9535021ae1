package dev.ferry.cli.kafka;

import dev.ferry.contracts.Topic;
import dev.ferry.contracts.kafka.AvroEventDeserializer;
import dev.ferry.contracts.serde.UndecodableRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what one migration run publishes on a set of topics, from the moment it is opened: the demo opens it before
 * it starts the run, and the CLI before it sends a command, so nothing that follows is missed. No consumer group: it assigns every partition itself and
 * commits nothing, so it never takes records away from a service.
 */
public final class RunEventReader implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroEventDeserializer decoder = new AvroEventDeserializer();

    private RunEventReader(KafkaConsumer<String, byte[]> consumer, Map<String, Object> config) {
        this.consumer = consumer;
        decoder.configure(config, false);
    }

    /** Opens the reader positioned at the current end of {@code topics}. */
    public static RunEventReader openAtEnd(String bootstrapServers, List<Topic<?>> topics) {
        return openAtEnd(
                Map.of(
                        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        CommonClientConfigs.CLIENT_ID_CONFIG,
                        "ferry-demo"),
                topics,
                TIMEOUT);
    }

    /**
     * Opens the reader positioned at the current end of {@code topics}.
     *
     * @param clientConfig the bootstrap servers and any other client settings (client id, request timeout)
     * @param timeout how long Kafka may take to describe the topics and answer each call
     */
    public static RunEventReader openAtEnd(Map<String, Object> clientConfig, List<Topic<?>> topics, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The planner publishes in Kafka transactions; an aborted batch must stay unseen here too.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        var reader = new RunEventReader(consumer, config);
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<?> topic : topics) {
            consumer.partitionsFor(topic.name(), timeout)
                    .forEach(info -> partitions.add(new TopicPartition(topic.name(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the run (or the command) exists.
        partitions.forEach(partition -> consumer.position(partition, timeout));
        return reader;
    }

    /** The records of {@code migrationId} that arrived within {@code wait}; others are skipped. */
    public List<SpecificRecord> poll(String migrationId, Duration wait) {
        List<SpecificRecord> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
            if (!belongsTo(record.key(), migrationId)) {
                continue;
            }
            SpecificRecord event;
            try {
                event = decoder.deserialize(record.topic(), record.value());
            } catch (UndecodableRecordException notOurs) {
                // The services route such records to dead-letter topics; a reader has nothing to do with them.
                continue;
            }
            events.add(event);
        }
        return events;
    }

    /** Run events are keyed by the migration id, or by {@code migrationId/service} (see {@code Topics}). */
    private static boolean belongsTo(String key, String migrationId) {
        return key != null && (key.equals(migrationId) || key.startsWith(migrationId + "/"));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
