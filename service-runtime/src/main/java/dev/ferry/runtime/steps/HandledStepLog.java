package dev.ferry.runtime.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * A worker's {@link StepAttempts}, kept in a compacted topic so they outlive the process and its consumer group: after
 * a {@code kill -9}, a group reset or an expired group, the worker still knows which attempts it took on and answered.
 * Replicas of a worker share the marks (keys start with the group), and each catches up with the topic before it
 * judges a request, so a request redelivered to the other replica after a rebalance is judged with what the first one
 * wrote.
 */
public final class HandledStepLog implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final String group;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> reader;
    private final StepAttempts attempts = new StepAttempts();
    private List<TopicPartition> partitions;

    /** Client settings as Spring Boot builds them from {@code spring.kafka.*}, so security settings carry over. */
    public HandledStepLog(
            String topic, String group, Map<String, Object> producerSettings, Map<String, Object> consumerSettings) {
        this.topic = topic;
        this.group = group;
        var producerConfig = new LinkedHashMap<>(producerSettings);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        var readerConfig = new LinkedHashMap<>(consumerSettings);
        readerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        readerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        readerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.reader = new KafkaConsumer<>(readerConfig, new StringDeserializer(), new StringDeserializer());
    }

    public String group() {
        return group;
    }

    /**
     * Judges each step of a request, after reading what this worker's replicas wrote since the last look, and marks
     * the steps to run as taken before answering: a replay of this attempt after a crash runs again (it was never
     * answered), while older attempts are refused as superseded from then on.
     */
    public synchronized Map<StepRef, StepAttempts.Verdict> admit(List<StepRef> steps, int attempt) {
        catchUp();
        var verdicts = new LinkedHashMap<StepRef, StepAttempts.Verdict>();
        var writes = new ArrayList<CompletableFuture<Void>>();
        for (StepRef step : steps) {
            StepAttempts.Verdict verdict = attempts.judge(step, attempt);
            verdicts.put(step, verdict);
            if (verdict != StepAttempts.Verdict.SUPERSEDED) {
                StepAttempts.Marks changed = attempts.take(step, attempt);
                if (changed != null) {
                    writes.add(write(step, changed));
                }
            }
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        return verdicts;
    }

    /** Marks an attempt answered; completes once the broker holds the mark. */
    public synchronized CompletableFuture<Void> answered(StepRef step, int attempt) {
        StepAttempts.Marks changed = attempts.answer(step, attempt);
        return changed == null ? CompletableFuture.completedFuture(null) : write(step, changed);
    }

    public synchronized int stepsKnown() {
        return attempts.size();
    }

    private CompletableFuture<Void> write(StepRef step, StepAttempts.Marks marks) {
        var written = new CompletableFuture<Void>();
        producer.send(new ProducerRecord<>(topic, step.key(group), marks.text()), (metadata, failure) -> {
            if (failure == null) {
                written.complete(null);
            } else {
                written.completeExceptionally(new IllegalStateException(
                        "cannot record step " + step + " in " + topic + ": " + failure.getMessage(), failure));
            }
        });
        return written;
    }

    /** Reads the topic up to its current end: the first call reads it all, later ones what replicas wrote since. */
    private void catchUp() {
        if (partitions == null) {
            partitions = reader.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = reader.endOffsets(partitions, READ_TIMEOUT);
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(p -> reader.position(p, READ_TIMEOUT) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot read " + topic + " to its end within " + READ_TIMEOUT);
            }
            for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                StepRef step = StepRef.fromKey(group, record.key());
                if (step == null) {
                    continue;
                }
                if (record.value() == null) {
                    attempts.forget(step);
                } else {
                    attempts.merge(step, StepAttempts.Marks.parse(record.value()));
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        producer.close(Duration.ofSeconds(5));
        reader.close(Duration.ofSeconds(5));
    }
}
