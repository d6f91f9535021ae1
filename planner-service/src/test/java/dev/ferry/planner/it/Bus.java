package dev.ferry.planner.it;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.Actor;
import dev.ferry.contracts.avro.EventMetadata;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.StartMigration;
import dev.ferry.contracts.kafka.AvroEventDeserializer;
import dev.ferry.contracts.kafka.AvroEventSerializer;
import dev.ferry.contracts.serde.EventCodec;
import dev.ferry.contracts.serde.SchemaCatalog;
import dev.ferry.testsupport.KafkaTestBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The test's side of Kafka: publishes commands and worker results, and reads every topic the planner writes. */
final class Bus implements AutoCloseable {

    static final MetadataFactory PEOPLE = MetadataFactory.forProducer("ferry-cli", Clock.systemUTC());
    static final MetadataFactory WORKERS = MetadataFactory.forProducer("test-worker", Clock.systemUTC());

    private final String bootstrap = KafkaTestBroker.shared().bootstrapServers();
    private final EventCodec codec = new EventCodec(SchemaCatalog.builtIn());
    private final KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(),
            new AvroEventSerializer(codec));
    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final List<ConsumerRecord<String, SpecificRecord>> seen = new CopyOnWriteArrayList<>();

    Bus(String... topics) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        20,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new AvroEventDeserializer(codec));
        var partitions = new ArrayList<TopicPartition>();
        for (String topic : topics) {
            int expected = ensureTopic(topic);
            // A topic just created may not be in the metadata yet: an empty answer would leave it unread.
            List<PartitionInfo> infos = List.of();
            for (int tries = 0; infos.size() < expected && tries < 100; tries++) {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos.size() < expected) {
                    sleep();
                }
            }
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Creates the topic unless it exists; returns its partition count. */
    private int ensureTopic(String topic) {
        int partitions = Topics.named(topic.replace(Topic.DEAD_LETTER_SUFFIX, ""))
                .map(Topic::partitions)
                .orElse(1);
        try (var admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        } catch (Exception alreadyThere) {
            // Created by a service or an earlier test.
        }
        return partitions;
    }

    void publish(SpecificRecord record) {
        Topic<?> topic = Topics.carrying(record.getClass());
        try {
            producer.send(new ProducerRecord<>(topic.name(), topic.keyForRecord(record), record))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void publishBytes(String topic, String key, byte[] bytes) {
        try (var raw = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic, key, bytes)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw values of the records with this key on a topic (e.g. a dead-letter topic), from its beginning. */
    List<byte[]> rawRecords(String topic, String key) {
        try (var raw = new KafkaConsumer<>(
                Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var partitions = raw.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            raw.assign(partitions);
            raw.seekToBeginning(partitions);
            var values = new ArrayList<byte[]>();
            var end = raw.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> raw.position(p) < end.get(p))) {
                raw.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        values.add(r.value());
                    }
                });
            }
            return values;
        }
    }

    /** Starts a run of the plan; returns the start command's metadata. */
    EventMetadata start(String migrationId, String planName, String document, Map<String, String> parameters) {
        EventMetadata meta = PEOPLE.first(migrationId);
        publish(command(meta, new StartMigration(document, planName, parameters)));
        return meta;
    }

    static MigrationCommand command(EventMetadata meta, Object command) {
        return MigrationCommand.newBuilder()
                .setMetadata(meta)
                .setIssuedBy(new Actor("alice", "cli"))
                .setCommand(command)
                .build();
    }

    /** Reads what arrived since the last call. */
    List<ConsumerRecord<String, SpecificRecord>> poll() {
        var fresh = new ArrayList<ConsumerRecord<String, SpecificRecord>>();
        consumer.poll(Duration.ofMillis(100)).forEach(fresh::add);
        seen.addAll(fresh);
        return fresh;
    }

    <T extends SpecificRecord> List<T> seen(Class<T> type, Predicate<T> which) {
        return seen.stream()
                .map(ConsumerRecord::value)
                .filter(type::isInstance)
                .map(type::cast)
                .filter(which)
                .toList();
    }

    List<ConsumerRecord<String, SpecificRecord>> records() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
