package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.demo.embedded.EmbeddedBroker;
import dev.ferry.demo.embedded.EmbeddedServices;
import dev.ferry.demo.embedded.FerryService;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One step is one trace across the services: the planner's outbox relay starts it with the {@code phase.started} it
 * publishes, repo-service's span for that request continues it, the {@code repo.split} answers it sends are in it, and
 * so is the planner's span for reading each answer. The spans are read from an exporter every service's tracer writes
 * to, as an OpenTelemetry collector would receive them.
 */
class StepTracesIT {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    @TempDir
    Path data;

    @Test
    void aSplitStepIsOneTraceFromThePlannerThroughRepoServiceAndBack() throws Exception {
        var spans = new CollectedSpans();
        ApplicationContextInitializer<ConfigurableApplicationContext> exportToTheTest =
                context -> context.getBeanFactory().registerSingleton("testSpanExporter", spans);
        try (var broker = EmbeddedBroker.start();
                var services =
                        new EmbeddedServices(ItSettings.under(data, broker, "127.0.0.1:1"), List.of(exportToTheTest))) {
            services.startAll();
            var runs = new PlanRuns(
                    broker.bootstrapServers(),
                    "http://127.0.0.1:" + services.port(FerryService.PLANNER) + "/migrations/",
                    Duration.ofMinutes(2));

            PlanRuns.Run run =
                    runs.runToEnd(LocalSplitPlan.twoServices(data, "traced-split"), "traced-split", Set.of());

            assertThat(run.of(RepoSplit.class)).hasSize(2);
            assertThat(run.of(MigrationFinished.class))
                    .singleElement()
                    .extracting(MigrationFinished::getOutcome)
                    .isEqualTo(MigrationOutcome.SUCCEEDED);
            String repoService = "http://127.0.0.1:" + services.port(FerryService.REPO) + "/actuator/";
            assertThat(get(repoService + "prometheus"))
                    .as("repo-service's own view of its steps")
                    .containsPattern(
                            "ferry_worker_step_seconds_count\\{[^}]*action=\"split\",outcome=\"succeeded\"[^}]*} 2(\\.0)?\n");
            assertThat(get(repoService + "health/readiness")).contains("\"kafka\":{\"status\":\"UP\"");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                SpanData request = the(spans.all(), "planner-service", SpanKind.PRODUCER, "phase.started");
                assertThat(request.getParentSpanContext().isValid())
                        .as("the relay's phase.started starts the step's trace")
                        .isFalse();
                List<SpanData> trace = spans.all().stream()
                        .filter(span -> span.getTraceId().equals(request.getTraceId()))
                        .toList();
                SpanData taken = the(trace, "repo-service", SpanKind.CONSUMER, "phase.started");
                assertThat(taken.getParentSpanId()).isEqualTo(request.getSpanId());
                List<SpanData> answers = all(trace, "repo-service", SpanKind.PRODUCER, "repo.split");
                assertThat(answers)
                        .as("a repo.split per service, sent within the request's span")
                        .hasSize(2);
                assertThat(answers).allSatisfy(answer -> assertThat(ancestors(answer, trace))
                        .contains(taken.getSpanId()));
                List<SpanData> read = all(trace, "planner-service", SpanKind.CONSUMER, "repo.split");
                assertThat(read)
                        .as("the planner's span for each answer continues the answer's")
                        .extracting(SpanData::getParentSpanId)
                        .containsExactlyInAnyOrderElementsOf(
                                answers.stream().map(SpanData::getSpanId).toList());
            });
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        try (var http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    /** The span ids above {@code span} in its trace, nearest first. */
    private static List<String> ancestors(SpanData span, List<SpanData> trace) {
        Map<String, SpanData> byId =
                trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (a, b) -> a));
        var ancestors = new ArrayList<String>();
        for (SpanData parent = byId.get(span.getParentSpanId());
                parent != null;
                parent = byId.get(parent.getParentSpanId())) {
            ancestors.add(parent.getSpanId());
        }
        return ancestors;
    }

    private static SpanData the(Collection<SpanData> spans, String service, SpanKind kind, String topic) {
        List<SpanData> found = all(spans, service, kind, topic);
        assertThat(found).as("%s %s spans on %s", service, kind, topic).hasSize(1);
        return found.getFirst();
    }

    private static List<SpanData> all(Collection<SpanData> spans, String service, SpanKind kind, String topic) {
        return spans.stream()
                .filter(span -> service.equals(span.getResource().getAttribute(SERVICE_NAME)))
                .filter(span -> span.getKind() == kind && span.getName().startsWith(topic + " "))
                .toList();
    }

    /** Every service's finished spans; it outlives the services' tracers, which shut their exporters down. */
    private static final class CollectedSpans implements SpanExporter {

        private final ConcurrentLinkedQueue<SpanData> spans = new ConcurrentLinkedQueue<>();

        List<SpanData> all() {
            return List.copyOf(spans);
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> finished) {
            spans.addAll(finished);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
