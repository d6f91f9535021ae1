package dev.ferry.contracts.kafka;

import dev.ferry.contracts.serde.SchemaDirectory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema directory kept in a compacted Kafka topic: key the fingerprint in hex, value the schema's JSON. It needs no
 * server beyond the broker the services already use, and a consumer in any language can read it.
 */
public final class KafkaSchemaDirectory implements SchemaDirectory, AutoCloseable {

    /** Topic name used unless configured otherwise. */
    public static final String DEFAULT_TOPIC = "ferry.schemas";

    private static final Logger log = LoggerFactory.getLogger(KafkaSchemaDirectory.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String topic;
    private final Map<Long, Schema> seen = new ConcurrentHashMap<>();
    private volatile KafkaProducer<String, String> producer;
    private volatile boolean topicReady;

    public KafkaSchemaDirectory(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    @Override
    public void publish(long fingerprint, Schema schema) {
        if (seen.containsKey(fingerprint)) {
            return;
        }
        ensureTopic();
        try {
            producer()
                    .send(new ProducerRecord<>(topic, 0, hex(fingerprint), schema.toString()))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            seen.put(fingerprint, schema);
            log.info(
                    "schema published topic={} schema={} fingerprint={}",
                    topic,
                    schema.getFullName(),
                    hex(fingerprint));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing schema " + schema.getFullName(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot publish schema " + schema.getFullName() + " to topic " + topic + " at " + bootstrapServers,
                    e);
        }
    }

    @Override
    public Optional<Schema> find(long fingerprint) {
        Schema schema = seen.get(fingerprint);
        if (schema == null) {
            readTopic();
            schema = seen.get(fingerprint);
        }
        return Optional.ofNullable(schema);
    }

    /** Reads the whole (compacted, small) topic; runs only when a record names a schema not seen before. */
    private synchronized void readTopic() {
        ensureTopic();
        var partition = new TopicPartition(topic, 0);
        try (var consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition, TIMEOUT) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> remember(record.key(), record.value()));
            }
        }
    }

    private void remember(String key, String json) {
        try {
            seen.putIfAbsent(Long.parseUnsignedLong(key, 16), new Schema.Parser().parse(json));
        } catch (NumberFormatException | SchemaParseException | NullPointerException e) {
            log.warn("ignoring unreadable entry in schema topic topic={} key={} error={}", topic, key, e.toString());
        }
    }

    private void ensureTopic() {
        if (topicReady) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var newTopic = new NewTopic(topic, 1, (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create schema topic " + topic + " at " + bootstrapServers, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating schema topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + TIMEOUT, e);
        }
        topicReady = true;
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> config = new HashMap<>();
                    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
                }
            }
        }
        return producer;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    private static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
