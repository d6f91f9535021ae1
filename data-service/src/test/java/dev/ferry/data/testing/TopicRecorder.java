package dev.ferry.data.testing;

import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.contracts.kafka.AvroEventDeserializer;
import dev.ferry.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the answers data-service gives (step.succeeded, step.failed, step.progress) from the start of the topics. */
public final class TopicRecorder implements AutoCloseable {

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final List<SpecificRecord> seen = new CopyOnWriteArrayList<>();

    public TopicRecorder() {
        consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "data-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                AvroEventDeserializer.class,
                "ferry.schema.topic",
                "ferry.schemas"));
        consumer.subscribe(
                List.of(Topics.STEP_SUCCEEDED.name(), Topics.STEP_FAILED.name(), Topics.STEP_PROGRESS.name()));
    }

    /** The one answer of the service's step of the phase: a {@link StepSucceeded} or a {@link StepFailed}. */
    public SpecificRecord answer(PhaseStarted phase, String service, Duration within) {
        return await().atMost(within)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            poll();
                            return find(phase, service);
                        },
                        Optional::isPresent)
                .orElseThrow();
    }

    public List<StepProgress> progress(PhaseStarted phase) {
        poll();
        return seen.stream()
                .filter(StepProgress.class::isInstance)
                .map(StepProgress.class::cast)
                .filter(p -> p.getMetadata()
                        .getCausationId()
                        .equals(phase.getMetadata().getEventId()))
                .toList();
    }

    /** Every answer (success or failure) to the phase. */
    public List<SpecificRecord> answers(PhaseStarted phase) {
        poll();
        return seen.stream().filter(r -> answers(r, phase)).toList();
    }

    private Optional<SpecificRecord> find(PhaseStarted phase, String service) {
        return seen.stream()
                .filter(r -> answers(r, phase))
                .filter(r ->
                        service.equals(r instanceof StepSucceeded s ? s.getService() : ((StepFailed) r).getService()))
                .findFirst();
    }

    private static boolean answers(SpecificRecord record, PhaseStarted phase) {
        UUID cause = phase.getMetadata().getEventId();
        return switch (record) {
            case StepSucceeded s -> cause.equals(s.getMetadata().getCausationId());
            case StepFailed f -> cause.equals(f.getMetadata().getCausationId());
            default -> false;
        };
    }

    private synchronized void poll() {
        consumer.poll(Duration.ofMillis(100)).forEach(record -> seen.add(record.value()));
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
