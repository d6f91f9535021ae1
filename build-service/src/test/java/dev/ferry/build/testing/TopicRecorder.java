package dev.ferry.build.testing;

import dev.ferry.contracts.kafka.AvroEventDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Records everything written to some topics of the test broker, decoded as Ferry events, from a background thread. */
public final class TopicRecorder implements AutoCloseable {

    /** One record as read: topic, key and the decoded event (or the raw bytes for dead-letter topics). */
    public record Recorded(String topic, String key, Object value) {}

    private final List<Recorded> records = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public TopicRecorder(String bootstrapServers, List<String> topics, boolean raw) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "recorder-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                "ferry.schema.topic",
                "ferry.schemas");
        thread = new Thread(() -> poll(config, topics, raw), "topic-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll(Map<String, Object> config, List<String> topics, boolean raw) {
        try (var consumer = raw
                ? new KafkaConsumer<String, Object>(config, new StringDeserializer(), castingBytes())
                : new KafkaConsumer<String, Object>(config, new StringDeserializer(), castingAvro(config))) {
            consumer.subscribe(topics);
            while (running.get()) {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> records.add(new Recorded(r.topic(), r.key(), r.value())));
            }
        }
    }

    /** Events of {@code type} for one migration, in the order read. */
    public <T extends SpecificRecord> List<T> events(Class<T> type, String migrationId) {
        var found = new ArrayList<T>();
        for (Recorded record : records) {
            if (type.isInstance(record.value())
                    && record.key() != null
                    && record.key().startsWith(migrationId)) {
                found.add(type.cast(record.value()));
            }
        }
        return found;
    }

    /** Raw values read under {@code key}, as text. */
    public List<String> raw(String key) {
        return records.stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> new String((byte[]) r.value(), StandardCharsets.UTF_8))
                .toList();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Deserializer<Object> castingAvro(Map<String, Object> config) {
        var deserializer = new AvroEventDeserializer();
        deserializer.configure(config, false);
        return deserializer::deserialize;
    }

    private static Deserializer<Object> castingBytes() {
        var deserializer = new ByteArrayDeserializer();
        return deserializer::deserialize;
    }
}
