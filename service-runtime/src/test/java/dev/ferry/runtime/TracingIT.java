package dev.ferry.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.Traceparent;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.serde.EventCodec;
import dev.ferry.contracts.serde.SchemaCatalog;
import dev.ferry.runtime.steps.ServiceWorks;
import dev.ferry.testsupport.KafkaTestBroker;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A step's trace crosses Kafka in the records' {@code traceparent} header: the worker's span for the request continues
 * the sender's trace, and the result it sends from a step thread carries the same trace on to whoever reads it.
 */
// Spring Boot's tests switch tracing off unless asked.
@AutoConfigureObservability(metrics = false)
@SpringBootTest(classes = TracingIT.TracedWorker.class)
// Its listener must not stay behind for other tests: it would take (and dead-letter) the records they send.
@DirtiesContext
class TracingIT {

    private static final KafkaTestBroker broker = KafkaTestBroker.shared();
    private static final MetadataFactory metadata = MetadataFactory.forProducer("tracing-it", Clock.systemUTC());
    private static final InMemorySpanExporter spans = InMemorySpanExporter.create();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @Autowired
    SdkTracerProvider tracerProvider;

    @Test
    void theResultOfAStepRunOnAnotherThreadStaysInTheTraceOfItsRequest() throws Exception {
        String runId = "traced-" + UUID.randomUUID();
        var sender = Traceparent.newTrace(new SecureRandom());
        String traceId = sender.traceId();
        String senderSpan = sender.parentId();
        send(request(runId), sender.toString());

        ConsumerRecord<byte[], byte[]> answer = readAnswer(runId);
        String answerTrace = header(answer, "traceparent");
        assertThat(answerTrace).as("traceparent of the step.succeeded answer").startsWith("00-" + traceId + "-");

        tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
        List<SpanData> trace = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId))
                .toList();
        SpanData received = only(trace, SpanKind.CONSUMER);
        SpanData sent = only(trace, SpanKind.PRODUCER);
        assertThat(received.getParentSpanId())
                .as("the worker's span continues the sender's")
                .isEqualTo(senderSpan);
        assertThat(received.getName()).contains(Topics.PHASE_STARTED.name());
        assertThat(sent.getParentSpanId())
                .as("the answer is sent within the worker's span")
                .isEqualTo(received.getSpanId());
        assertThat(sent.getName()).contains(Topics.STEP_SUCCEEDED.name());
        assertThat(answerTrace).contains("-" + sent.getSpanId() + "-");
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind) {
        List<SpanData> ofKind =
                trace.stream().filter(span -> span.getKind() == kind).toList();
        assertThat(ofKind).as("%s spans of the trace %s", kind, trace).hasSize(1);
        return ofKind.getFirst();
    }

    private static PhaseStarted request(String runId) {
        return PhaseStarted.newBuilder()
                .setMetadata(metadata.first(runId))
                .setPlanName("traced")
                .setPhase("split")
                .setAction(PhaseAction.SPLIT)
                .setServices(List.of(ServiceWorks.of("user-service")))
                .build();
    }

    private static void send(PhaseStarted request, String traceparent) throws Exception {
        byte[] value = new EventCodec(SchemaCatalog.builtIn()).encode(request);
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            var record = new ProducerRecord<>(
                    Topics.PHASE_STARTED.name(),
                    request.getMetadata().getMigrationId().getBytes(StandardCharsets.UTF_8),
                    value);
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    private static ConsumerRecord<byte[], byte[]> readAnswer(String runId) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "answer-reader-" + runId,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.STEP_SUCCEEDED.name()));
            var found = new ArrayList<ConsumerRecord<byte[], byte[]>>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith(runId + "/")) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            return found.getFirst();
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A worker as the services are built: the listener hands the step to a thread of its own and waits for it. */
    @SpringBootApplication
    static class TracedWorker {

        private final ExecutorService steps =
                TracedExecutors.inSubmittersContext(Executors.newVirtualThreadPerTaskExecutor());

        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return spans;
        }

        @Autowired
        EventPublisher publisher;

        @KafkaListener(topics = "phase.started", groupId = "tracing-it")
        void on(PhaseStarted request) {
            var successes = new StepSuccesses(metadata);
            CompletableFuture.supplyAsync(() -> successes.of(request, "user-service", Map.of(), Duration.ZERO), steps)
                    .thenCompose(publisher::publish)
                    .join();
        }
    }
}
