package dev.ferry.notifier.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.notifier.domain.RunState;
import dev.ferry.notifier.domain.RunStore;
import dev.ferry.notifier.domain.StateNotSaved;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Keeps each run's state as one JSON record keyed by migration id in a compacted topic the notifier owns, so the
 * latest state of every run survives restarts without a database. Read in full at start, written on every change.
 */
public final class KafkaRunStore implements RunStore, AutoCloseable {

    private static final Duration SAVE_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> consumerConfig;
    private final ObjectMapper json;
    private final KafkaProducer<String, String> producer;

    /** Client settings as Spring Boot builds them from {@code spring.kafka.*}, so security settings carry over. */
    public KafkaRunStore(
            String topic,
            Map<String, Object> producerSettings,
            Map<String, Object> consumerSettings,
            ObjectMapper json) {
        this.topic = topic;
        this.consumerConfig = Map.copyOf(consumerSettings);
        this.json = json;
        var producerConfig = new LinkedHashMap<>(producerSettings);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A big run's state is repetitive JSON of some hundred kilobytes, written on every event: compress it.
        producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
    }

    @Override
    public Collection<RunState> loadAll() {
        var config = new LinkedHashMap<>(consumerConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        var states = new LinkedHashMap<String, RunState>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        states.remove(record.key());
                    } else {
                        states.put(record.key(), read(record));
                    }
                }
            }
        }
        return List.copyOf(states.values());
    }

    @Override
    public void save(RunState state) {
        try {
            producer.send(new ProducerRecord<>(topic, state.migrationId(), json.writeValueAsString(state)))
                    .get(SAVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the state of run " + state.migrationId() + " as JSON", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StateNotSaved(
                    "cannot save the state of run " + state.migrationId() + " to topic " + topic
                            + "; the event will be taken in again when Kafka is back",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving run " + state.migrationId(), e);
        }
    }

    private RunState read(ConsumerRecord<String, String> record) {
        try {
            return json.readValue(record.value(), RunState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "the state of run " + record.key() + " in " + topic + " at partition " + record.partition()
                            + " offset " + record.offset() + " is not readable: " + e.getOriginalMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
