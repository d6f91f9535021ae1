package dev.ferry.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A consumer wired by the runtime keeps going past records it cannot decode or handle, and each such record lands in
 * the topic's dead-letter topic, byte for byte, with the reason in headers and in an error line of the log: a {@code @KafkaListener} (the planner's
 * kind) and a Spring Cloud Stream binding (the workers') alike.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class DeadLetterRoutingContract {

    private static final KafkaTestBroker broker = KafkaTestBroker.shared();
    private static final MetadataFactory metadata = MetadataFactory.forProducer("test", Clock.systemUTC());

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @Autowired
    PhaseRecorder listener;

    @Autowired
    EventPublisher publisher;

    @Test
    void garbageAndForeignRecordsGoToTheDeadLetterTopicAndTheNextRecordIsStillHandled(CapturedOutput output)
            throws Exception {
        String key = "dlq-" + UUID.randomUUID();
        byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
        byte[] foreign = new dev.ferry.contracts.serde.EventCodec(dev.ferry.contracts.serde.SchemaCatalog.builtIn())
                .encode(repoSplit(key));
        sendRaw(key, garbage);
        sendRaw(key, foreign);
        publisher.publish(phase(key, "fine")).get();

        await().atMost(Duration.ofSeconds(30)).until(() -> listener.received.stream()
                .anyMatch(p -> p.getMetadata().getMigrationId().equals(key)));
        List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(key, 2);

        assertThat(dead).extracting(ConsumerRecord::value).containsExactly(garbage, foreign);
        assertThat(dead)
                .extracting(r -> header(r, DeadLetterHeaders.REASON))
                .containsExactly("NOT_SINGLE_OBJECT_ENCODED", "WRONG_RECORD_TYPE");
        assertThat(header(dead.get(1), DeadLetterHeaders.MESSAGE))
                .contains("dev.ferry.contracts.avro.RepoSplit")
                .contains("phase.started");
        assertThat(header(dead.get(0), "kafka_dlt-original-topic")).isEqualTo("phase.started");
        assertThat(output.getOut())
                .contains("event=dead-lettered topic=phase.started partition="
                        + dead.get(1).partition())
                .contains("deadLetterTopic=phase.started.dlq reason=WRONG_RECORD_TYPE message=\""
                        + header(dead.get(1), DeadLetterHeaders.MESSAGE));
    }

    @Test
    void aRecordWhoseHandlerKeepsFailingGoesToTheDeadLetterTopicAfterItsAttempts() throws Exception {
        String key = "boom-" + UUID.randomUUID();
        publisher.publish(phase(key, "explode")).get();

        List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(key, 1);

        assertThat(header(dead.getFirst(), DeadLetterHeaders.REASON)).isEqualTo(DeadLetterHeaders.HANDLER_FAILED);
        assertThat(header(dead.getFirst(), DeadLetterHeaders.MESSAGE)).contains("cannot handle plan explode");
        assertThat(listener.attempts(key)).isEqualTo(2);
    }

    private static PhaseStarted phase(String migrationId, String planName) {
        return PhaseStarted.newBuilder()
                .setMetadata(metadata.first(migrationId))
                .setPlanName(planName)
                .setPhase("split")
                .setAction(PhaseAction.SPLIT)
                .setServices(List.of())
                .build();
    }

    private static RepoSplit repoSplit(String migrationId) {
        return new RepoSplit(
                metadata.first(migrationId), "split", "user-service", 1, "src", "a1", "dst", "b2", 1L, 1L, 0, 5L);
    }

    private static void sendRaw(String key, byte[] value) throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.PHASE_STARTED.name(), key.getBytes(StandardCharsets.UTF_8), value))
                    .get();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(String key, int expected) {
        var found = new ArrayList<ConsumerRecord<byte[], byte[]>>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "dlq-reader-" + key,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.PHASE_STARTED.deadLetterName()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key)) {
                        found.add(r);
                    }
                });
                return found.size() >= expected;
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
